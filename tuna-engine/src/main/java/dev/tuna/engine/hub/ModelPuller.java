package dev.tuna.engine.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import dev.tuna.engine.io.HfConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fetches a Hugging Face checkpoint (config, safetensors weights, tokenizer files) into the models folder.
 *
 * <p>Files land in a hidden staging folder {@code .NAME.download/} first: an interrupted pull resumes there
 * (HTTP ranges), every file is checked against the hub's SHA-256 (LFS) or git blob id, and only a complete,
 * verified checkpoint is moved to {@code NAME/} in one atomic rename. The architecture is checked from
 * {@code config.json} before any weights are fetched.
 */
public final class ModelPuller {
    /** Files a checkpoint folder needs besides its weights; the optional ones are fetched when present. */
    private static final List<String> REQUIRED = List.of("config.json", "tokenizer.json");
    private static final List<String> OPTIONAL = List.of(
            "tokenizer_config.json", "special_tokens_map.json", "generation_config.json");
    private static final String INDEX = "model.safetensors.index.json";
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    public static final String SOURCE_FILE = "tuna-source.json";

    private final HubClient hub;
    private final Path modelsDir;
    private final ObjectMapper json = new ObjectMapper();

    public ModelPuller(HubClient hub, Path modelsDir) {
        this.hub = hub;
        this.modelsDir = modelsDir;
    }

    /** What a pull produced. */
    public record Result(Path dir, String repo, String commit, long bytes, List<String> files) {
    }

    /**
     * Pulls {@code repo} (ORG/NAME) at {@code revision} into {@code modelsDir/name} (name defaults to NAME).
     *
     * @throws TunaException for an unknown or gated repository, an architecture the engine cannot run, a failed
     *                       checksum, or a target folder that already exists
     */
    public Result pull(String repo, String revision, String name, DownloadListener listener) {
        if (repo == null || !REPO.matcher(repo).matches() || repo.contains("..")) {
            throw new TunaException("'" + repo + "' is not a Hugging Face model name; use ORG/NAME, "
                    + "e.g. HuggingFaceTB/SmolLM2-135M-Instruct");
        }
        String folder = name != null ? name : repo.substring(repo.indexOf('/') + 1);
        if (!NAME.matcher(folder).matches() || folder.contains("..")) {
            throw new TunaException("'" + folder + "' cannot be a model folder name; use letters, digits, '.', '-', '_'");
        }
        Path target = modelsDir.resolve(folder);
        if (Files.exists(target)) {
            throw new TunaException(target + " already exists; delete it first, or pull under another name with --name");
        }
        Path staging = modelsDir.resolve("." + folder + ".download");
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new TunaException("cannot create " + staging + ": " + e.getMessage(), e);
        }

        RepoInfo info = hub.info(repo, revision);
        for (String required : REQUIRED) {
            if (info.file(required).isEmpty()) {
                throw new TunaException(repo + " has no " + required + "; Tuna needs a Hugging Face Transformers "
                        + "checkpoint with config.json, tokenizer.json and safetensors weights");
            }
        }
        boolean sharded = info.file(INDEX).isPresent();
        if (!sharded && info.file("model.safetensors").isEmpty()) {
            throw new TunaException(repo + " has no safetensors weights (model.safetensors or " + INDEX
                    + "); Tuna does not read PyTorch .bin files");
        }

        // The config first: refuse what the engine cannot run before fetching gigabytes.
        fetch(info, "config.json", staging, listener);
        checkArchitecture(repo, staging.resolve("config.json"));

        Set<String> files = new LinkedHashSet<>(REQUIRED);
        OPTIONAL.stream().filter(f -> info.file(f).isPresent()).forEach(files::add);
        if (sharded) {
            fetch(info, INDEX, staging, listener);
            files.add(INDEX);
            files.addAll(shardsOf(staging.resolve(INDEX), info));
        } else {
            files.add("model.safetensors");
        }
        long total = files.stream().mapToLong(f -> info.file(f).orElseThrow().size()).sum();
        long already = 0;
        for (String f : files) {
            already += Math.min(sizeOrZero(staging.resolve(f)), info.file(f).orElseThrow().size());
        }
        listener.started(total, already);
        for (String f : files) {
            fetch(info, f, staging, listener);
        }
        writeSource(staging, info, revision, files);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TunaException("cannot move " + staging + " to " + target + ": " + e.getMessage(), e);
        }
        return new Result(target, repo, info.commit(), total, List.copyOf(files));
    }

    private void fetch(RepoInfo info, String file, Path staging, DownloadListener listener) {
        RepoFile meta = info.file(file).orElseThrow(() -> new TunaException(info.repo() + " lists " + file
                + " in its index but the repository has no such file"));
        Path path = staging.resolve(file).normalize();
        if (!path.startsWith(staging)) {
            throw new TunaException(info.repo() + ": refusing file name '" + file + "' that points outside the model folder");
        }
        Path verifiedMark = staging.resolve("." + file.replace('/', '_') + ".verified");
        if (Files.exists(verifiedMark) && sizeOrZero(path) == meta.size()) {
            return; // finished and verified by an earlier, interrupted pull
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new TunaException("cannot create " + path.getParent() + ": " + e.getMessage(), e);
        }
        long have = sizeOrZero(path);
        if (meta.size() >= 0 && have > meta.size()) {
            have = 0; // larger than the hub's copy: not a prefix of it
        }
        if (meta.size() < 0 || have < meta.size()) {
            have = hub.download(info.repo(), info.commit(), file, path, have, listener);
        }
        if (meta.size() >= 0 && have != meta.size()) {
            deleteQuietly(path);
            throw new TunaException(file + " of " + info.repo() + " arrived with " + have + " bytes, the hub lists "
                    + meta.size() + "; run the same command again to fetch it anew");
        }
        boolean verified = verify(info.repo(), file, path, meta);
        try {
            Files.writeString(verifiedMark, info.commit());
        } catch (IOException e) {
            throw new TunaException("cannot write " + verifiedMark + ": " + e.getMessage(), e);
        }
        listener.fileDone(file, verified);
    }

    /** Checks the file against the hub's SHA-256 (LFS) or git blob id; false when the hub gave neither. */
    private static boolean verify(String repo, String file, Path path, RepoFile meta) {
        String expected;
        String actual;
        if (meta.sha256() != null) {
            expected = meta.sha256();
            actual = digest(path, "SHA-256", null);
        } else if (meta.blobId() != null) {
            expected = meta.blobId();
            actual = digest(path, "SHA-1", ("blob " + sizeOrZero(path) + "\0").getBytes());
        } else {
            return false;
        }
        if (!expected.equalsIgnoreCase(actual)) {
            deleteQuietly(path);
            throw new TunaException(file + " of " + repo + " failed its checksum (expected " + expected + ", got "
                    + actual + "); the corrupt copy was deleted, run the same command again");
        }
        return true;
    }

    /** The engine's own config reader decides: what it refuses here would fail to load later anyway. */
    private static void checkArchitecture(String repo, Path config) {
        try {
            HfConfig.read(config);
        } catch (TunaException e) {
            throw new TunaException(repo + " cannot run on Tuna's engine, which runs Llama-family decoders (llama, "
                    + "qwen2, mistral: e.g. SmolLM2, Llama 3, Qwen2.5, Mistral). Nothing but its config was downloaded. "
                    + "Details: " + e.getMessage(), e);
        }
    }

    private List<String> shardsOf(Path index, RepoInfo info) {
        try {
            JsonNode map = json.readTree(index.toFile()).path("weight_map");
            Set<String> shards = new LinkedHashSet<>();
            map.forEach(v -> shards.add(v.asText()));
            if (shards.isEmpty()) {
                throw new TunaException(info.repo() + ": " + INDEX + " has an empty weight_map");
            }
            return new ArrayList<>(shards);
        } catch (IOException e) {
            throw new TunaException(info.repo() + ": " + INDEX + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private void writeSource(Path staging, RepoInfo info, String revision, Set<String> files) {
        ObjectNode source = json.createObjectNode();
        source.put("repo", info.repo());
        source.put("revision", revision);
        source.put("commit", info.commit());
        source.put("endpoint", hub.endpoint().toString());
        files.forEach(source.putArray("files")::add);
        try (var stream = Files.list(staging)) {
            for (Path p : stream.filter(p -> p.getFileName().toString().endsWith(".verified")).toList()) {
                Files.delete(p);
            }
            byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(source);
            AtomicFiles.write(staging.resolve(SOURCE_FILE), bytes);
        } catch (IOException e) {
            throw new TunaException("cannot finish " + staging + ": " + e.getMessage(), e);
        }
    }

    private static String digest(Path path, String algorithm, byte[] prefix) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                md.update(prefix);
            }
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new TunaException("cannot read " + path + " to verify it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sizeOrZero(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the next pull overwrites it anyway
        }
    }
}
