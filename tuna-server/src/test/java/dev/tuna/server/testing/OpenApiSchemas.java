package dev.tuna.server.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON schemas of OpenAI's {@code openapi.yaml} (the copy in {@code ../shared/openai/} beside the repository),
 * for checking the server's responses.
 *
 * <p>The spec is OpenAPI 3.1, but some schemas still use 3.0 forms that a JSON Schema 2020-12 validator reads
 * differently; they are rewritten to what they mean: {@code nullable: true} allows null, and a boolean
 * {@code exclusiveMinimum} turns {@code minimum} exclusive. One addition: {@code paused} is a job status (the spec's
 * own pause example returns it, but its status enum lacks it).
 */
public final class OpenApiSchemas {
    private static final String IRI = "https://tuna.test/openapi.json";
    private static volatile OpenApiSchemas instance;

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiSchemas(String json) {
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(IRI, json)));
    }

    public static OpenApiSchemas get() {
        if (instance == null) {
            synchronized (OpenApiSchemas.class) {
                if (instance == null) {
                    instance = new OpenApiSchemas(load());
                }
            }
        }
        return instance;
    }

    /**
     * {@code shared/openai/openapi.yaml} in the nearest folder above the repository that has one, else the copy
     * committed with these tests ({@code tuna-server/src/test/openai/}, MIT), so that a fresh clone tests alone.
     */
    public static Path specPath() {
        Path root = Path.of(System.getProperty("tuna.repo.root", ".")).toAbsolutePath().normalize();
        for (Path p = root.getParent(); p != null; p = p.getParent()) {
            Path spec = p.resolve("shared/openai/openapi.yaml");
            if (Files.isRegularFile(spec)) {
                return spec;
            }
        }
        return root.resolve("tuna-server/src/test/openai/openapi.yaml");
    }

    /**
     * The rewritten spec as JSON. Parsing the 3 MB YAML takes seconds, so the result is kept in
     * {@code target/openapi-schemas.json}, named after the spec's size and modification time.
     */
    private static String load() {
        Path spec = specPath();
        if (!Files.isRegularFile(spec)) {
            throw new IllegalStateException("OpenAI's spec is not at " + spec + " (nor in a shared/openai/ folder "
                    + "above the repository); the server's responses are checked against it");
        }
        try {
            String stamp = Files.size(spec) + "-" + Files.getLastModifiedTime(spec).toMillis();
            Path cache = Path.of("target", "openapi-schemas-" + stamp + ".json");
            if (Files.isRegularFile(cache)) {
                return Files.readString(cache);
            }
            // A few examples are block scalars holding only spaces, which the YAML parser rejects; they are blank.
            String yaml = Files.readString(spec).replaceAll("(?m)^[ \\t]+$", "");
            JsonNode doc = new YAMLMapper().readTree(yaml);
            rewrite(doc);
            ObjectNode status = (ObjectNode) doc.at("/components/schemas/FineTuningJob/properties/status");
            ((ArrayNode) status.get("enum")).add("paused");
            String json = JsonMapper.builder().build().writeValueAsString(doc);
            if (Files.isDirectory(cache.getParent())) {
                Path tmp = Files.createTempFile(cache.getParent(), "openapi", ".tmp");
                Files.writeString(tmp, json);
                Files.move(tmp, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return json;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode nullable = o.remove("nullable");
            if (nullable != null && nullable.asBoolean()) {
                allowNull(o);
            }
            for (String bound : List.of("Minimum", "Maximum")) {
                JsonNode exclusive = o.get("exclusive" + bound);
                if (exclusive != null && exclusive.isBoolean()) {
                    o.remove("exclusive" + bound);
                    JsonNode limit = o.get(bound.toLowerCase());
                    if (exclusive.asBoolean() && limit != null) {
                        o.remove(bound.toLowerCase());
                        o.set("exclusive" + bound, limit);
                    }
                }
            }
            o.values().forEach(OpenApiSchemas::rewrite);
        } else if (node instanceof ArrayNode a) {
            a.values().forEach(OpenApiSchemas::rewrite);
        }
    }

    private static void allowNull(ObjectNode o) {
        JsonNode type = o.get("type");
        if (type != null && type.isString()) {
            ArrayNode types = o.putArray("type");
            types.add(type.asString());
            types.add("null");
            if (o.get("enum") instanceof ArrayNode values) {
                values.addNull();
            }
        } else if (o.has("$ref")) {
            ObjectNode ref = o.objectNode();
            ref.set("$ref", o.remove("$ref"));
            ArrayNode any = o.putArray("anyOf");
            any.add(ref);
            any.addObject().put("type", "null");
        } else if (o.get("anyOf") instanceof ArrayNode any) {
            any.addObject().put("type", "null");
        } else if (o.get("oneOf") instanceof ArrayNode one) {
            one.addObject().put("type", "null");
        }
    }

    /** The errors of {@code json} against {@code components.schemas.<name>}; empty when it conforms. */
    public List<String> errors(String name, String json) {
        Schema schema = schemas.computeIfAbsent(name,
                n -> registry.getSchema(SchemaLocation.of(IRI + "#/components/schemas/" + n)));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }
}
