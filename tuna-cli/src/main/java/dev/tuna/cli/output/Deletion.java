package dev.tuna.cli.output;

/**
 * What a delete request returned: the SDK's own deletion object (printed with --json), the id the backend names
 * and its {@code deleted} flag.
 */
public record Deletion(Object response, String id, boolean deleted) {
}
