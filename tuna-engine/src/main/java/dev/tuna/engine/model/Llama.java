package dev.tuna.engine.model;

import dev.tuna.data.TunaException;
import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.io.DType;
import dev.tuna.engine.io.HfConfig;
import dev.tuna.engine.io.SafetensorsCheckpoint;
import dev.tuna.engine.io.SafetensorsWriter;
import dev.tuna.engine.io.TensorView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Llama-family decoder (Llama 2/3, Qwen2 with q/k/v biases, Mistral, SmolLM2, tuna-nano): its weights, loaded
 * from a Hugging Face checkpoint folder or drawn at random, and the ways to use them — full fine-tuning, LoRA
 * (through {@link LoraModel}, which shares these weights), generation with a KV cache, scoring, and export.
 *
 * <p>bf16 checkpoint weights stay memory-mapped in the file; f32 and f16 ones are read onto the heap as f32.
 * Norm weights and biases (small) are always f32 on the heap.
 */
public final class Llama {
    static final String EMBED = "model.embed_tokens.weight";
    static final String FINAL_NORM = "model.norm.weight";
    static final String LM_HEAD = "lm_head.weight";
    private static final double INIT_STD = 0.02;

    private final ModelConfig config;
    private final Weight embed;
    private final Layer[] layers;
    private final float[] finalNorm;
    private final Weight lmHead;

    private Llama(ModelConfig config, Weight embed, Layer[] layers, float[] finalNorm, Weight lmHead) {
        this.config = config;
        this.embed = embed;
        this.layers = layers;
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
    }

    /** Loads {@code config.json} and the safetensors weights (single file or sharded) of a checkpoint folder. */
    public static Llama load(Path dir) {
        Path configJson = dir.resolve("config.json");
        if (!Files.isRegularFile(configJson)) {
            throw new TunaException(dir + ": no config.json; point to a Hugging Face checkpoint folder");
        }
        ModelConfig c = HfConfig.read(configJson);
        SafetensorsCheckpoint ck = SafetensorsCheckpoint.open(dir);
        int hidden = c.hiddenSize();
        Weight embed = matrix(ck, EMBED, c.vocabSize(), hidden);
        Layer[] layers = new Layer[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            Layer layer = new Layer();
            String prefix = "model.layers." + l + ".";
            layer.attnNorm = vector(ck, prefix + "input_layernorm.weight", hidden);
            layer.mlpNorm = vector(ck, prefix + "post_attention_layernorm.weight", hidden);
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                int[] s = Layer.shape(c, p);
                String path = Layer.modulePath(l, p);
                layer.proj[p] = matrix(ck, path + ".weight", s[0], s[1]);
                if (Layer.hasBias(c, p)) {
                    layer.bias[p] = vector(ck, path + ".bias", s[0]);
                }
            }
            layers[l] = layer;
        }
        float[] finalNorm = vector(ck, FINAL_NORM, hidden);
        Weight head = c.tieWordEmbeddings() ? null : matrix(ck, LM_HEAD, c.vocabSize(), hidden);
        return new Llama(c, embed, layers, finalNorm, head);
    }

    private static Weight matrix(SafetensorsCheckpoint ck, String name, int rows, int cols) {
        TensorView t = ck.tensor(name);
        checkShape(ck, t, new long[] {rows, cols});
        if (t.dtype() == DType.BF16) {
            return Weight.mapped(t, rows, cols);
        }
        return Weight.f32(name, rows, cols, t.toFloatArray());
    }

    private static float[] vector(SafetensorsCheckpoint ck, String name, int len) {
        TensorView t = ck.tensor(name);
        checkShape(ck, t, new long[] {len});
        return t.toFloatArray();
    }

    private static void checkShape(SafetensorsCheckpoint ck, TensorView t, long[] expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new TunaException(ck.source() + ": tensor " + t.name() + " has shape " + Arrays.toString(t.shape())
                    + " but config.json implies " + Arrays.toString(expected)
                    + "; the weights do not belong to this config", TunaException.INVALID_INPUT, null);
        }
    }

    /** A model with weights drawn from N(0, 0.02²) (norms 1, biases 0), in f32. */
    public static Llama random(ModelConfig c, long seed) {
        return random(c, seed, DType.F32);
    }

    /**
     * As {@link #random(ModelConfig, long)}, with the matrices stored as {@code storage} (BF16 gives a frozen base
     * like a memory-mapped bf16 checkpoint, off-heap; F32 and F16 both give f32 on the heap).
     */
    public static Llama random(ModelConfig c, long seed, DType storage) {
        SplittableRandom root = new SplittableRandom(seed);
        boolean bf16 = storage == DType.BF16;
        int hidden = c.hiddenSize();
        Weight embed = randomMatrix(EMBED, c.vocabSize(), hidden, root.split(), bf16);
        Layer[] layers = new Layer[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            Layer layer = new Layer();
            layer.attnNorm = ones(hidden);
            layer.mlpNorm = ones(hidden);
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                int[] s = Layer.shape(c, p);
                layer.proj[p] = randomMatrix(Layer.modulePath(l, p) + ".weight", s[0], s[1], root.split(), bf16);
                if (Layer.hasBias(c, p)) {
                    layer.bias[p] = new float[s[0]];
                }
            }
            layers[l] = layer;
        }
        Weight head = c.tieWordEmbeddings() ? null : randomMatrix(LM_HEAD, c.vocabSize(), hidden, root.split(), bf16);
        return new Llama(c, embed, layers, ones(hidden), head);
    }

    private static Weight randomMatrix(String name, int rows, int cols, SplittableRandom r, boolean bf16) {
        if (bf16) {
            return Weight.bf16Random(name, rows, cols, () -> (float) (r.nextGaussian() * INIT_STD));
        }
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * INIT_STD);
        }
        return Weight.f32(name, rows, cols, v);
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * Full fine-tuning: every tensor becomes a {@link Parameter} (bf16 weights are converted to f32 on the heap
     * first). Training updates this model's weights in place, so {@link #save} and {@link #languageModel} see them.
     * Do not train a model fully while LoRA adapters use it as their base.
     */
    public TrainableModel fullTraining() {
        return new FullTraining(this);
    }

    /** Generation with a KV cache; sessions may run concurrently. */
    public LanguageModel languageModel() {
        return new CachedLanguageModel(this, null);
    }

    /** Logits [tokens.length × vocab] of every position (a full forward pass; for tests and scoring). */
    public float[] logits(int[] tokens) {
        float[] out = new float[tokens.length * config.vocabSize()];
        new Decoder(this, null, null).run(tokens, null, 0f, false, false, 0, new Decoder.Outputs(out, null));
        return out;
    }

    /** nll[i] = −log p(tokens[i+1] | tokens[0..i]), for i in [0, tokens.length − 1). */
    public float[] nll(int[] tokens) {
        float[] out = new float[Math.max(0, tokens.length - 1)];
        new Decoder(this, null, null).run(tokens, null, 0f, false, false, 0, new Decoder.Outputs(null, out));
        return out;
    }

    /**
     * Writes the model as a Hugging Face checkpoint folder: {@code config.json} and {@code model.safetensors}, in
     * bf16 when every matrix is bf16 (an unmodified bf16 checkpoint), else in f32. Tokenizer files are the caller's.
     */
    public void save(Path dir) {
        boolean bf16 = embed.isBf16() && (lmHead == null || lmHead.isBf16());
        for (Layer layer : layers) {
            for (Weight w : layer.proj) {
                bf16 &= w.isBf16();
            }
        }
        DType dt = bf16 ? DType.BF16 : DType.F32;
        SafetensorsWriter out = new SafetensorsWriter().metadata("format", "pt");
        addMatrix(out, embed, dt);
        for (int l = 0; l < layers.length; l++) {
            Layer layer = layers[l];
            String prefix = "model.layers." + l + ".";
            out.add(prefix + "input_layernorm.weight", dt, new long[] {layer.attnNorm.length}, layer.attnNorm);
            out.add(prefix + "post_attention_layernorm.weight", dt, new long[] {layer.mlpNorm.length}, layer.mlpNorm);
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                addMatrix(out, layer.proj[p], dt);
                if (layer.bias[p] != null) {
                    out.add(Layer.modulePath(l, p) + ".bias", dt, new long[] {layer.bias[p].length}, layer.bias[p]);
                }
            }
        }
        out.add(FINAL_NORM, dt, new long[] {finalNorm.length}, finalNorm);
        if (lmHead != null) {
            addMatrix(out, lmHead, dt);
        }
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new TunaException(dir + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        out.write(dir.resolve(SafetensorsCheckpoint.SINGLE_FILE));
        HfConfig.write(config, bf16 ? "bfloat16" : "float32", dir.resolve("config.json"));
    }

    private static void addMatrix(SafetensorsWriter out, Weight w, DType dt) {
        w.writeTo(out, dt);
    }

    // --- package-private access for the decoder, the trainers and LoRA ---

    Weight embedding() {
        return embed;
    }

    Layer layer(int l) {
        return layers[l];
    }

    float[] finalNorm() {
        return finalNorm;
    }

    boolean tiedHead() {
        return lmHead == null;
    }

    /** The vocabulary projection: lm_head, or the embedding table when tied. */
    Weight head() {
        return lmHead != null ? lmHead : embed;
    }

    Weight lmHead() {
        return lmHead;
    }

    /** A model of the same config over other tensors (merging builds one). */
    static Llama of(ModelConfig config, Weight embed, Layer[] layers, float[] finalNorm, Weight lmHead) {
        return new Llama(config, embed, layers, finalNorm, lmHead);
    }

    /** Converts every matrix to f32 on the heap (before full fine-tuning). */
    void convertToF32() {
        embed.convertToF32();
        if (lmHead != null) {
            lmHead.convertToF32();
        }
        for (Layer layer : layers) {
            for (Weight w : layer.proj) {
                w.convertToF32();
            }
        }
    }
}
