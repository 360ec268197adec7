package dev.tuna.cli.client;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Named backends: the built-in {@code local} and {@code openai}, plus any {@code [profiles.NAME]} table in
 * {@code $TUNA_HOME/config.toml}, which may also redefine the built-in ones:
 *
 * <pre>
 * [profiles.openai]
 * base_url = "https://api.openai.com/v1"
 * api_key_env = "OPENAI_API_KEY"
 *
 * [profiles.lab]
 * base_url = "http://gpu-box.lan:8321/v1"
 * api_key = "sk-lab"
 * </pre>
 */
public final class Profiles {
    private static final Set<String> KEYS = Set.of("base_url", "api_key", "api_key_env");

    private final Map<String, Profile> byName;
    private final Path file;

    private Profiles(Map<String, Profile> byName, Path file) {
        this.byName = byName;
        this.file = file;
    }

    public static Map<String, Profile> builtIn() {
        Map<String, Profile> m = new LinkedHashMap<>();
        m.put("local", new Profile("local", Backend.LOCAL_DEFAULT_URL, null, null));
        m.put("openai", new Profile("openai", Backend.OPENAI_URL, null, "OPENAI_API_KEY"));
        return m;
    }

    /** The built-in profiles overlaid with those in {@code file}; a missing file is no error. */
    public static Profiles load(Path file) {
        Map<String, Profile> m = builtIn();
        if (Files.isRegularFile(file)) {
            JsonNode root;
            try {
                root = new TomlMapper().readTree(file.toFile());
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String where = at == null ? "" : ":" + at.getLineNr();
                throw new TunaException(file + where + ": not valid TOML (" + e.getOriginalMessage()
                        + "); see 'tuna --help' for the profile format");
            } catch (IOException e) {
                throw new TunaException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
            JsonNode profiles = root.path("profiles");
            if (!profiles.isMissingNode() && !profiles.isObject()) {
                throw new TunaException(file + ": 'profiles' must be a table of [profiles.NAME] sections");
            }
            for (var entry : profiles.properties()) {
                m.put(entry.getKey(), parse(file, entry.getKey(), entry.getValue()));
            }
        }
        return new Profiles(m, file);
    }

    private static Profile parse(Path file, String name, JsonNode table) {
        if (!table.isObject()) {
            throw new TunaException(file + ": [profiles." + name + "] must be a table with base_url (and api_key or api_key_env)");
        }
        for (var it = table.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new TunaException(file + ": [profiles." + name + "] has an unknown key '" + key
                        + "'; the keys are base_url, api_key, api_key_env");
            }
        }
        String baseUrl = text(table, "base_url");
        if (baseUrl == null) {
            throw new TunaException(file + ": [profiles." + name + "] needs base_url, e.g. base_url = \"" + Backend.OPENAI_URL + "\"");
        }
        return new Profile(name, baseUrl, text(table, "api_key"), text(table, "api_key_env"));
    }

    private static String text(JsonNode table, String key) {
        JsonNode v = table.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    public Optional<Profile> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Path file() {
        return file;
    }
}
