package dev.tuna.cli;

import java.nio.file.Path;

/** Where local state lives: the {@code tuna.home} system property (tests), else {@code $TUNA_HOME}, else {@code ~/.tuna}. */
public final class TunaHome {
    private TunaHome() {
    }

    public static Path resolve() {
        String prop = System.getProperty("tuna.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String home = System.getenv("TUNA_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".tuna");
    }
}
