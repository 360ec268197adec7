package dev.tuna.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Timestamps, durations and sizes as people read them. */
public final class Human {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Human() {
    }

    /** Unix seconds (the API's timestamps) in the local time zone. */
    public static String epochSeconds(long seconds) {
        return LOCAL.format(Instant.ofEpochSecond(seconds));
    }

    /** {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** Bytes as {@code 812 B}, {@code 12.3 kB}, {@code 4.5 MB}. */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format("%.1f kB", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format("%.1f MB", n / 1e6);
        }
        return String.format("%.2f GB", n / 1e9);
    }
}
