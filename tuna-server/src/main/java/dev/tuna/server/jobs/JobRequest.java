package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.engine.train.LoraSettings;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Json;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A checked {@code CreateFineTuningJobRequest}: every field error is a 400 that names the field. */
record JobRequest(String model, String trainingFile, String validationFile, String suffix, long seed,
                  ObjectNode hyperparameters, JsonNode metadata) {

    /** Suffixes become part of a model name whose parts are separated by ':'. */
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom SEEDS = new SecureRandom();

    static JobRequest parse(ObjectNode body) {
        String model = requiredString(body, "model");
        String training = requiredString(body, "training_file");
        String validation = optionalString(body, "validation_file");
        String suffix = optionalString(body, "suffix");
        if (suffix != null && !SUFFIX.matcher(suffix).matches()) {
            throw ApiException.badRequest("Invalid 'suffix': use 1 to 64 letters, digits, '.', '_' or '-' (it becomes "
                    + "part of the model name).", "suffix");
        }
        long seed;
        JsonNode s = body.get("seed");
        if (s == null || s.isNull()) {
            seed = SEEDS.nextInt(Integer.MAX_VALUE);
        } else if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0 || s.asLong() > Integer.MAX_VALUE) {
            throw ApiException.badRequest("Invalid 'seed': expected an integer between 0 and 2147483647.", "seed");
        } else {
            seed = s.asLong();
        }
        ObjectNode hp = hyperparameters(body);
        JsonNode metadata = metadata(body.get("metadata"));
        return new JobRequest(model, training, validation, suffix, seed, hp, metadata);
    }

    /** {@code method.supervised.hyperparameters}, else the deprecated top-level {@code hyperparameters}. */
    private static ObjectNode hyperparameters(ObjectNode body) {
        JsonNode method = body.get("method");
        JsonNode hp = body.get("hyperparameters");
        String where = "hyperparameters";
        if (method != null && !method.isNull()) {
            if (!method.isObject()) {
                throw ApiException.badRequest("Invalid 'method': expected an object.", "method");
            }
            String type = method.path("type").asText("");
            if (!type.equals("supervised")) {
                throw ApiException.badRequest("Invalid 'method.type': '" + type + "'. The local server trains with "
                        + "'supervised' fine-tuning only (DPO and reinforcement are not supported).", "method.type");
            }
            JsonNode supervised = method.path("supervised").path("hyperparameters");
            if (!supervised.isMissingNode() && !supervised.isNull()) {
                hp = supervised;
                where = "method.supervised.hyperparameters";
            }
        }
        ObjectNode out = Json.object();
        if (hp != null && !hp.isNull() && !hp.isObject()) {
            throw ApiException.badRequest("Invalid '" + where + "': expected an object.", where);
        }
        out.set("batch_size", value(hp, where, "batch_size", 1, 256, true));
        out.set("learning_rate_multiplier", value(hp, where, "learning_rate_multiplier", 0, Double.MAX_VALUE, false));
        out.set("n_epochs", value(hp, where, "n_epochs", 1, 50, true));
        JsonNode lora = hp == null || hp.isNull() ? null : hp.get("lora");
        if (lora != null && !lora.isNull()) {
            out.set("lora", lora(lora, where + ".lora"));
        }
        return out;
    }

    /**
     * Tuna's extension beside OpenAI's hyperparameters: {@code lora: {r, alpha, dropout, target_modules}} (PEFT's
     * names; each optional) for jobs on checkpoint models. tuna-nano is always fully fine-tuned and ignores it.
     */
    private static ObjectNode lora(JsonNode lora, String where) {
        if (!lora.isObject()) {
            throw ApiException.badRequest("Invalid '" + where + "': expected an object {r, alpha, dropout, "
                    + "target_modules}.", where);
        }
        LoraSettings d = LoraSettings.defaults();
        JsonNode r = lora.get("r");
        JsonNode alpha = lora.get("alpha");
        JsonNode dropout = lora.get("dropout");
        JsonNode modules = lora.get("target_modules");
        if (r != null && !(r.isIntegralNumber() && r.asInt() >= 1 && r.asInt() <= 1024)) {
            throw ApiException.badRequest("Invalid '" + where + ".r': expected an integer from 1 to 1024.", where + ".r");
        }
        if (alpha != null && !(alpha.isNumber() && alpha.asDouble() > 0)) {
            throw ApiException.badRequest("Invalid '" + where + ".alpha': expected a number greater than 0.",
                    where + ".alpha");
        }
        if (dropout != null && !(dropout.isNumber() && dropout.asDouble() >= 0 && dropout.asDouble() < 1)) {
            throw ApiException.badRequest("Invalid '" + where + ".dropout': expected a number in [0, 1).",
                    where + ".dropout");
        }
        List<String> targets = new ArrayList<>();
        if (modules != null) {
            if (!modules.isArray() || modules.isEmpty()) {
                throw ApiException.badRequest("Invalid '" + where + ".target_modules': expected a non-empty list of "
                        + LoraSettings.ALL_LINEAR + ".", where + ".target_modules");
            }
            for (JsonNode m : modules) {
                if (!m.isTextual() || !LoraSettings.ALL_LINEAR.contains(m.asText())) {
                    throw ApiException.badRequest("Invalid '" + where + ".target_modules': " + m + " is not one of "
                            + LoraSettings.ALL_LINEAR + ".", where + ".target_modules");
                }
                targets.add(m.asText());
            }
        }
        ObjectNode out = Json.object();
        out.put("r", r == null ? d.rank() : r.asInt());
        out.put("alpha", alpha == null ? d.alpha() : alpha.asDouble());
        out.put("dropout", dropout == null ? d.dropout() : dropout.asDouble());
        var list = out.putArray("target_modules");
        (targets.isEmpty() ? d.targetModules() : targets).forEach(list::add);
        return out;
    }

    private static JsonNode value(JsonNode hp, String where, String name, double min, double max, boolean integer) {
        JsonNode v = hp == null || hp.isNull() ? null : hp.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().equals("auto"))) {
            return Json.MAPPER.getNodeFactory().textNode("auto");
        }
        String param = where + "." + name;
        if (!v.isNumber() || (integer && !v.isIntegralNumber())) {
            throw ApiException.badRequest("Invalid '" + param + "': expected \"auto\" or " + (integer ? "an integer"
                    : "a number") + ".", param);
        }
        double d = v.asDouble();
        boolean ok = integer ? d >= min && d <= max : d > min && d <= max;
        if (!ok) {
            throw ApiException.badRequest("Invalid '" + param + "': " + v + " is out of range ("
                    + (integer ? (long) min + " to " + (long) max : "greater than 0") + ").", param);
        }
        return v;
    }

    /** Up to 16 string pairs; keys up to 64 characters, values up to 512. */
    private static JsonNode metadata(JsonNode m) {
        if (m == null || m.isNull()) {
            return null;
        }
        if (!m.isObject()) {
            throw ApiException.badRequest("Invalid 'metadata': expected an object of string values.", "metadata");
        }
        if (m.size() > 16) {
            throw ApiException.badRequest("Invalid 'metadata': at most 16 pairs, got " + m.size() + ".", "metadata");
        }
        for (var it = m.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().length() > 64 || !e.getValue().isTextual() || e.getValue().asText().length() > 512) {
                throw ApiException.badRequest("Invalid 'metadata." + e.getKey() + "': keys are up to 64 characters "
                        + "and values strings of up to 512.", "metadata");
            }
        }
        return m;
    }

    private static String requiredString(ObjectNode body, String name) {
        String v = optionalString(body, name);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("Missing required parameter: '" + name + "'.", name);
        }
        return v;
    }

    private static String optionalString(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("Invalid '" + name + "': expected a string.", name);
        }
        return v.asText();
    }
}
