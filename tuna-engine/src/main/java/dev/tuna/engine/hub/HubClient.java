package dev.tuna.engine.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two Hugging Face hub calls a download needs: model info with file metadata
 * ({@code GET /api/models/REPO/revision/REV?blobs=true}) and file contents ({@code GET /REPO/resolve/REV/FILE},
 * with HTTP ranges to resume). The endpoint is {@code HF_ENDPOINT} or https://huggingface.co; a token
 * ({@code HF_TOKEN}) opens gated and private repositories.
 */
public final class HubClient {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final int MAX_REDIRECTS = 5;

    private final URI endpoint;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public HubClient(String endpoint, String token) {
        String e = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
        this.endpoint = URI.create(e.endsWith("/") ? e : e + "/");
        this.token = token == null || token.isBlank() ? null : token.strip();
        // Redirects are followed by hand: the token must not travel to another host (the hub's CDN).
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** A client configured from HF_ENDPOINT and HF_TOKEN. */
    public static HubClient fromEnvironment() {
        return new HubClient(System.getenv("HF_ENDPOINT"), System.getenv("HF_TOKEN"));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The repository's commit and files at a revision (branch, tag or commit). */
    public RepoInfo info(String repo, String revision) {
        URI uri = endpoint.resolve("api/models/" + repo + "/revision/" + encode(revision) + "?blobs=true");
        HttpResponse<InputStream> response = send(uri, null, repo, revision);
        try (InputStream body = response.body()) {
            JsonNode root = json.readTree(body);
            List<RepoFile> files = new ArrayList<>();
            for (JsonNode sibling : root.path("siblings")) {
                JsonNode lfs = sibling.path("lfs");
                files.add(new RepoFile(
                        sibling.path("rfilename").asText(),
                        lfs.isObject() ? lfs.path("size").asLong() : sibling.path("size").asLong(-1),
                        lfs.isObject() ? lfs.path("sha256").asText(null) : null,
                        lfs.isObject() ? null : sibling.path("blobId").asText(null)));
            }
            String commit = root.path("sha").asText(null);
            if (commit == null || root.path("siblings").isMissingNode()) {
                throw new TunaException(endpoint + ": the hub's answer for " + repo
                        + " has no commit or file list; is HF_ENDPOINT a Hugging Face hub?");
            }
            return new RepoInfo(repo, commit, List.copyOf(files));
        } catch (IOException e) {
            throw new TunaException("reading the hub's file list for " + repo + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Appends the file's bytes from {@code offset} on to {@code target} (a partial download), reporting progress.
     * Returns the file's size on disk afterwards. Starts over when the server ignores the range.
     */
    public long download(String repo, String commit, String file, Path target, long offset, DownloadListener listener) {
        URI uri = endpoint.resolve(repo + "/resolve/" + encode(commit) + "/" + encodePath(file));
        HttpResponse<InputStream> response = send(uri, offset > 0 ? "bytes=" + offset + "-" : null, repo, commit);
        boolean append = offset > 0 && response.statusCode() == 206;
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            if (!append && offset > 0) {
                listener.progressed(file, -offset); // the server sent the whole file again
            }
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                listener.progressed(file, n);
            }
        } catch (IOException e) {
            throw new TunaException("downloading " + file + " from " + repo + " was interrupted (" + e.getMessage()
                    + "); run the same command again to resume", e);
        }
        try {
            return Files.size(target);
        } catch (IOException e) {
            throw new TunaException(target + ": cannot read the downloaded file: " + e.getMessage(), e);
        }
    }

    private HttpResponse<InputStream> send(URI uri, String range, String repo, String revision) {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(Duration.ofMinutes(10)).GET();
            request.header("User-Agent", "tuna");
            if (token != null && sameHost(current, endpoint)) {
                request.header("Authorization", "Bearer " + token);
            }
            if (range != null) {
                request.header("Range", range);
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException | HttpTimeoutException e) {
                throw new TunaException("cannot reach the Hugging Face hub at " + endpoint
                        + " (" + e.getClass().getSimpleName() + "); check the network or HF_ENDPOINT", e);
            } catch (IOException e) {
                throw new TunaException("talking to the Hugging Face hub at " + endpoint + " failed: "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TunaException("download interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                closeQuietly(response);
                current = current.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status == 200 || status == 206) {
                return response;
            }
            closeQuietly(response);
            throw statusError(status, repo, revision);
        }
        throw new TunaException("the hub redirected more than " + MAX_REDIRECTS + " times for " + uri);
    }

    private TunaException statusError(int status, String repo, String revision) {
        return switch (status) {
            case 401, 403 -> new TunaException("access to " + repo + " was refused (HTTP " + status + "): it is gated "
                    + "or private. Accept its licence on the hub and set HF_TOKEN to a token that has access"
                    + (token == null ? " (HF_TOKEN is not set)." : "."));
            case 404 -> new TunaException("the hub has no model " + repo + " at revision '" + revision
                    + "' (HTTP 404); check the name (ORG/NAME) and --revision");
            case 416 -> new TunaException("the hub refused to resume a download of " + repo
                    + " (HTTP 416); delete the .download folder in the models folder and try again");
            case 429 -> new TunaException("the hub is rate-limiting downloads (HTTP 429); wait a minute and run the "
                    + "same command again (it resumes)");
            default -> new TunaException("the hub answered HTTP " + status + " for " + repo + "; try again later");
        };
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing to do: the response is discarded
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/")) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(encode(part));
        }
        return sb.toString();
    }
}
