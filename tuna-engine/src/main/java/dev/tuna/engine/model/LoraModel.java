package dev.tuna.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.io.HfConfig;
import dev.tuna.engine.io.SafetensorsCheckpoint;
import dev.tuna.engine.io.SafetensorsWriter;
import dev.tuna.engine.io.TensorView;
import dev.tuna.engine.train.LoraSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A LoRA adapter over a frozen {@link Llama} base: trainable low-rank pairs A [r × in], B [out × r] on the target
 * projections, y = x·Wᵀ + (alpha/r)·(dropout(x)·Aᵀ)·Bᵀ. The base is referenced, never copied, so several adapters
 * share one base in memory. Saved and loaded in PEFT's format ({@code adapter_model.safetensors} +
 * {@code adapter_config.json}).
 */
public final class LoraModel implements TrainableModel {
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    public static final String CONFIG_FILE = "adapter_config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Llama base;
    private final LoraSettings settings;
    private final LoraWeights weights;
    private final List<Parameter> parameters;
    private Decoder decoder;

    private LoraModel(Llama base, LoraSettings settings, LoraWeights weights) {
        this.base = base;
        this.settings = settings;
        this.weights = weights;
        List<Parameter> ps = new ArrayList<>();
        for (int l = 0; l < base.config().numLayers(); l++) {
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                if (weights.adapts(l, p)) {
                    int[] s = Layer.shape(base.config(), p);
                    ps.add(new Parameter(tensorName(l, p, "A"), new int[] {settings.rank(), s[1]},
                            weights.a[l][p], weights.da[l][p], true));
                    ps.add(new Parameter(tensorName(l, p, "B"), new int[] {s[0], settings.rank()},
                            weights.b[l][p], weights.db[l][p], true));
                }
            }
        }
        this.parameters = List.copyOf(ps);
    }

    /**
     * A new adapter: A drawn as PEFT does (Kaiming-uniform with a = √5, i.e. U(±1/√in)), B zero, so the untrained
     * adapter computes exactly the base model.
     */
    public static LoraModel create(Llama base, LoraSettings settings, long seed) {
        ModelConfig c = base.config();
        var w = new LoraWeights(c.numLayers(), settings.rank(), (float) settings.scaling(), settings.dropout());
        SplittableRandom root = new SplittableRandom(seed);
        for (int l = 0; l < c.numLayers(); l++) {
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                SplittableRandom r = root.split();
                if (!settings.targetModules().contains(Layer.MODULES.get(p))) {
                    continue;
                }
                int[] s = Layer.shape(c, p);
                float[] a = new float[settings.rank() * s[1]];
                double bound = 1.0 / Math.sqrt(s[1]);
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
                }
                w.set(l, p, a, new float[s[0] * settings.rank()]);
            }
        }
        return new LoraModel(base, settings, w);
    }

    /** Loads a PEFT LoRA adapter folder onto {@code base} (which must be the model it was trained on). */
    public static LoraModel loadAdapter(Llama base, Path adapterDir) {
        Path configFile = adapterDir.resolve(CONFIG_FILE);
        JsonNode cfg;
        try {
            cfg = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new TunaException(configFile + ": cannot read the adapter config (" + e.getMessage() + ")", e);
        }
        if (cfg == null || !cfg.isObject()) {
            throw new TunaException(configFile + ": not a JSON object; expected a PEFT adapter_config.json");
        }
        String type = cfg.path("peft_type").asText("");
        if (!type.equals("LORA")) {
            refuse(configFile, "peft_type is \"" + type + "\"; only LORA adapters are supported");
        }
        if (cfg.path("use_rslora").asBoolean(false) || cfg.path("use_dora").asBoolean(false)) {
            refuse(configFile, "rsLoRA and DoRA adapters are not supported");
        }
        if (cfg.path("fan_in_fan_out").asBoolean(false)) {
            refuse(configFile, "fan_in_fan_out: true is not supported");
        }
        if (!cfg.path("bias").asText("none").equals("none")) {
            refuse(configFile, "bias \"" + cfg.path("bias").asText() + "\" is not supported (only \"none\")");
        }
        if (!cfg.path("rank_pattern").isEmpty() || !cfg.path("alpha_pattern").isEmpty()) {
            refuse(configFile, "rank_pattern/alpha_pattern are not supported");
        }
        int rank = cfg.path("r").asInt(0);
        if (rank <= 0) {
            refuse(configFile, "\"r\" is missing or not a positive integer");
        }
        double alpha = cfg.hasNonNull("lora_alpha") ? cfg.get("lora_alpha").asDouble() : 8;
        double dropout = cfg.path("lora_dropout").asDouble(0);
        List<String> targets = new ArrayList<>();
        JsonNode tm = cfg.get("target_modules");
        if (tm != null && tm.isArray()) {
            tm.forEach(t -> targets.add(t.asText()));
        } else if (tm != null && tm.asText().equals("all-linear")) {
            targets.addAll(LoraSettings.ALL_LINEAR);
        } else {
            refuse(configFile, "target_modules must be a list of projection names (or \"all-linear\")");
        }
        LoraSettings settings;
        try {
            settings = new LoraSettings(rank, alpha, dropout, targets);
        } catch (IllegalArgumentException e) {
            throw new TunaException(configFile + ": " + e.getMessage(), TunaException.INVALID_INPUT, e);
        }
        SafetensorsCheckpoint ck = SafetensorsCheckpoint.open(adapterDir.resolve(WEIGHTS_FILE));
        ModelConfig c = base.config();
        var w = new LoraWeights(c.numLayers(), rank, (float) settings.scaling(), dropout);
        for (int l = 0; l < c.numLayers(); l++) {
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                if (!targets.contains(Layer.MODULES.get(p))) {
                    continue;
                }
                int[] s = Layer.shape(c, p);
                float[] a = read(ck, tensorName(l, p, "A"), rank, s[1]);
                float[] b = read(ck, tensorName(l, p, "B"), s[0], rank);
                w.set(l, p, a, b);
            }
        }
        return new LoraModel(base, settings, w);
    }

    private static float[] read(SafetensorsCheckpoint ck, String name, int rows, int cols) {
        TensorView t = ck.tensor(name);
        if (!Arrays.equals(t.shape(), new long[] {rows, cols})) {
            throw new TunaException(ck.source() + ": tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + " but the base model and r imply [" + rows + ", " + cols + "]; was the adapter trained on"
                    + " another base model?", TunaException.INVALID_INPUT, null);
        }
        return t.toFloatArray();
    }

    private static void refuse(Path file, String why) {
        throw new TunaException(file + ": " + why, TunaException.INVALID_INPUT, null);
    }

    /** PEFT's tensor name, e.g. {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}. */
    static String tensorName(int layer, int module, String ab) {
        return "base_model.model." + Layer.modulePath(layer, module) + ".lora_" + ab + ".weight";
    }

    LoraWeights weights() {
        return weights;
    }

    public Llama base() {
        return base;
    }

    public LoraSettings settings() {
        return settings;
    }

    @Override
    public ModelConfig config() {
        return base.config();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public SequenceLoss forwardBackward(int[] tokens, float[] targetWeights, float gradScale, long trainingRandomSeed) {
        return decoder().run(tokens, targetWeights, gradScale, true, true, trainingRandomSeed, Decoder.Outputs.NONE);
    }

    @Override
    public SequenceLoss evaluate(int[] tokens, float[] targetWeights) {
        return decoder().run(tokens, targetWeights, 0f, false, false, 0, Decoder.Outputs.NONE);
    }

    @Override
    public void zeroGrad() {
        for (Parameter p : parameters) {
            Arrays.fill(p.grad(), 0f);
        }
    }

    private Decoder decoder() {
        if (decoder == null) {
            decoder = new Decoder(base, weights, null);
        }
        return decoder;
    }

    /** Generation with base + adapter (no dropout), reading the shared base weights. */
    public LanguageModel languageModel() {
        return new CachedLanguageModel(base, weights);
    }

    /** Logits [tokens.length × vocab] of every position under base + adapter. */
    public float[] logits(int[] tokens) {
        float[] out = new float[tokens.length * base.config().vocabSize()];
        new Decoder(base, weights, null).run(tokens, null, 0f, false, false, 0, new Decoder.Outputs(out, null));
        return out;
    }

    /** nll[i] = −log p(tokens[i+1] | tokens[0..i]) under base + adapter. */
    public float[] nll(int[] tokens) {
        float[] out = new float[Math.max(0, tokens.length - 1)];
        new Decoder(base, weights, null).run(tokens, null, 0f, false, false, 0, new Decoder.Outputs(null, out));
        return out;
    }

    /** Writes {@code adapter_model.safetensors} (f32) and {@code adapter_config.json} as PEFT does. */
    public void saveAdapter(Path dir, String baseModelName) {
        SafetensorsWriter out = new SafetensorsWriter().metadata("format", "pt");
        for (Parameter p : parameters) {
            out.addF32(p.name(), new long[] {p.shape()[0], p.shape()[1]}, p.value());
        }
        out.write(dir.resolve(WEIGHTS_FILE));
        ObjectNode c = JSON.createObjectNode();
        c.put("peft_type", "LORA");
        c.put("task_type", "CAUSAL_LM");
        c.put("base_model_name_or_path", baseModelName);
        c.put("r", settings.rank());
        c.put("lora_alpha", settings.alpha());
        c.put("lora_dropout", settings.dropout());
        var targets = c.putArray("target_modules");
        settings.targetModules().forEach(targets::add);
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("inference_mode", true);
        c.put("init_lora_weights", true);
        c.put("use_rslora", false);
        c.put("use_dora", false);
        c.putNull("modules_to_save");
        c.putNull("layers_to_transform");
        HfConfig.writeJson(dir.resolve(CONFIG_FILE), c);
    }

    /**
     * The base with the adapter folded in, W' = W + (alpha/r)·B·A, as a plain f32 model (export it with
     * {@link Llama#save}). The base is not modified.
     */
    public Llama merge() {
        ModelConfig c = base.config();
        Layer[] layers = new Layer[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            Layer src = base.layer(l);
            Layer dst = new Layer();
            dst.attnNorm = src.attnNorm.clone();
            dst.mlpNorm = src.mlpNorm.clone();
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                Weight w = src.proj[p];
                float[] merged = w.toFloatArray();
                if (weights.adapts(l, p)) {
                    addLowRank(merged, weights.b[l][p], weights.a[l][p], w.rows, w.cols, weights.rank,
                            weights.scaling);
                }
                dst.proj[p] = Weight.f32(w.name, w.rows, w.cols, merged);
                dst.bias[p] = src.bias[p] == null ? null : src.bias[p].clone();
            }
            layers[l] = dst;
        }
        Weight embed = base.embedding();
        Weight head = base.lmHead();
        return Llama.of(c, Weight.f32(embed.name, embed.rows, embed.cols, embed.toFloatArray()), layers,
                base.finalNorm().clone(),
                head == null ? null : Weight.f32(head.name, head.rows, head.cols, head.toFloatArray()));
    }

    /** w[rows×cols] += scaling · b[rows×r] · a[r×cols], accumulated in double per element. */
    private static void addLowRank(float[] w, float[] b, float[] a, int rows, int cols, int r, float scaling) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += (double) b[i * r + k] * a[k * cols + j];
                }
                w[i * cols + j] += (float) (scaling * s);
            }
        }
    }
}
