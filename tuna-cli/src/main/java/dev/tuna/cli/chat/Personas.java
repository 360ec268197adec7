package dev.tuna.cli.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tutorial's two system prompts, by name. */
public final class Personas {
    public static final String MARV = "Marv is a factual chatbot that is also sarcastic.";
    public static final String HELPFUL = "You are a helpful assistant.";

    private static final Map<String, String> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("marv", MARV);
        BY_NAME.put("helpful", HELPFUL);
    }

    private Personas() {
    }

    public static Map<String, String> all() {
        return Map.copyOf(BY_NAME);
    }

    /** A persona's prompt for its name (marv, helpful; any case), else the text itself. */
    public static String expand(String nameOrPrompt) {
        return BY_NAME.getOrDefault(nameOrPrompt.strip().toLowerCase(java.util.Locale.ROOT), nameOrPrompt);
    }
}
