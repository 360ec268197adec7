package dev.tuna.cli;

import java.nio.file.Path;

/** Where local state lives: {@code $TUNA_HOME}, else {@code ~/.tuna}. */
public final class TunaHome {
    private TunaHome() {
    }

    public static Path resolve() {
        String home = System.getenv("TUNA_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".tuna");
    }
}
