package dev.tuna.engine.model;

/**
 * The shape of a Llama-family decoder, as a Hugging Face {@code config.json} describes it (Llama 2/3, Qwen2,
 * Mistral, SmolLM2) or as {@code tuna-nano} builds it.
 *
 * @param architecture    the {@code model_type} ("llama", "qwen2", "mistral", or "tuna-nano")
 * @param headDim         per-head size ({@code head_dim}, else hiddenSize / numHeads)
 * @param ropeScaling     Llama-3 style RoPE frequency scaling, or null for none
 * @param attentionBias   q/k/v projections have biases (Qwen2)
 * @param eosTokenIds     every id that ends generation ({@code eos_token_id} may be a list)
 */
public record ModelConfig(
        String architecture,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        int maxPositionEmbeddings,
        int bosTokenId,
        int[] eosTokenIds) {

    /**
     * Llama 3.1 {@code rope_scaling} ({@code rope_type: "llama3"}): low-frequency components are divided by
     * {@code factor}, high-frequency ones kept, and the band between interpolated.
     */
    public record RopeScaling(
            String type,
            double factor,
            double lowFreqFactor,
            double highFreqFactor,
            int originalMaxPositionEmbeddings) {
    }

    public ModelConfig {
        if (numHeads <= 0 || numKvHeads <= 0 || numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numHeads
                    + ") must be a positive multiple of num_key_value_heads (" + numKvHeads + ")");
        }
        eosTokenIds = eosTokenIds.clone();
    }

    /** Query heads per key/value head (grouped-query attention). */
    public int groupSize() {
        return numHeads / numKvHeads;
    }

    public int qDim() {
        return numHeads * headDim;
    }

    public int kvDim() {
        return numKvHeads * headDim;
    }

    @Override
    public int[] eosTokenIds() {
        return eosTokenIds.clone();
    }
}
