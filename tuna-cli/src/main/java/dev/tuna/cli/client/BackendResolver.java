package dev.tuna.cli.client;

import dev.tuna.data.TunaException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Chooses the backend. Base URL: {@code --base-url}, else the selected profile's, else {@code TUNA_BASE_URL}, else
 * {@code OPENAI_BASE_URL}, else the local server at {@value Backend#LOCAL_DEFAULT_URL}. Key: {@code --api-key}, else
 * the profile's ({@code api_key} or the variable named by {@code api_key_env}), else {@code TUNA_API_KEY}, else
 * {@code OPENAI_API_KEY}. A profile is selected with {@code --profile NAME} or {@code TUNA_PROFILE}.
 */
public final class BackendResolver {
    private final Map<String, String> env;
    private final Path tunaHome;

    public BackendResolver(Map<String, String> env, Path tunaHome) {
        this.env = env;
        this.tunaHome = tunaHome;
    }

    public static Path configFile(Path tunaHome) {
        return tunaHome.resolve("config.toml");
    }

    public Backend resolve(String baseUrlFlag, String apiKeyFlag, String profileFlag) {
        String profileName = profileFlag != null ? profileFlag : env("TUNA_PROFILE");
        Profile profile = null;
        if (profileName != null) {
            Profiles profiles = Profiles.load(configFile(tunaHome));
            profile = profiles.get(profileName).orElseThrow(() -> new TunaException("no profile named '" + profileName
                    + "'" + (profileFlag == null ? " (from TUNA_PROFILE)" : "") + "; known profiles: "
                    + String.join(", ", profiles.names()) + " (add one as [profiles." + profileName + "] in "
                    + profiles.file() + ")"));
        }

        String url;
        String source;
        if (baseUrlFlag != null) {
            url = baseUrlFlag;
            source = "--base-url";
        } else if (profile != null) {
            url = profile.baseUrl();
            source = "profile '" + profile.name() + "'";
        } else if (env("TUNA_BASE_URL") != null) {
            url = env("TUNA_BASE_URL");
            source = "TUNA_BASE_URL";
        } else if (env("OPENAI_BASE_URL") != null) {
            url = env("OPENAI_BASE_URL");
            source = "OPENAI_BASE_URL";
        } else {
            url = Backend.LOCAL_DEFAULT_URL;
            source = Backend.DEFAULT_SOURCE;
        }
        checkUrl(url, source);

        String key = apiKeyFlag;
        if (key == null && profile != null) {
            key = profile.apiKey() != null ? profile.apiKey() : profile.apiKeyEnv() != null ? env(profile.apiKeyEnv()) : null;
        }
        if (key == null) {
            key = env("TUNA_API_KEY");
        }
        if (key == null) {
            key = env("OPENAI_API_KEY");
        }
        return new Backend(url, key, source);
    }

    private static void checkUrl(String url, String source) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new TunaException("the base URL '" + url + "' (from " + source + ") must be an http:// or https:// URL, e.g. "
                    + Backend.LOCAL_DEFAULT_URL);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new TunaException("the base URL '" + url + "' (from " + source + ") must be an http:// or https:// URL,"
                    + " e.g. " + Backend.LOCAL_DEFAULT_URL);
        }
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
