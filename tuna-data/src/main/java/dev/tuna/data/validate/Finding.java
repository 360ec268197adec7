package dev.tuna.data.validate;

/** A broken rule found on one line, before the line number is attached. */
record Finding(ErrorCategory category, String message, String fix) {
    Finding(ErrorCategory category, String message) {
        this(category, message, category.fix());
    }
}
