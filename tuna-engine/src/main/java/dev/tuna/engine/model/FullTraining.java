package dev.tuna.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Full fine-tuning of a {@link Llama}: every tensor is trained, in f32, in place. */
final class FullTraining implements TrainableModel {
    private final Llama model;
    private final FullGrads grads;
    private final List<Parameter> parameters;
    private final Decoder decoder;

    FullTraining(Llama model) {
        model.convertToF32();
        this.model = model;
        this.grads = new FullGrads(model);
        ModelConfig c = model.config();
        List<Parameter> ps = new ArrayList<>();
        ps.add(matrix(model.embedding(), grads.embed));
        for (int l = 0; l < c.numLayers(); l++) {
            Layer layer = model.layer(l);
            String prefix = "model.layers." + l + ".";
            ps.add(vector(prefix + "input_layernorm.weight", layer.attnNorm, grads.attnNorm[l]));
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                if (p == Layer.GATE) {
                    ps.add(vector(prefix + "post_attention_layernorm.weight", layer.mlpNorm, grads.mlpNorm[l]));
                }
                ps.add(matrix(layer.proj[p], grads.proj[l][p]));
                if (layer.bias[p] != null) {
                    ps.add(vector(Layer.modulePath(l, p) + ".bias", layer.bias[p], grads.bias[l][p]));
                }
            }
        }
        ps.add(vector(Llama.FINAL_NORM, model.finalNorm(), grads.finalNorm));
        if (model.lmHead() != null) {
            ps.add(matrix(model.lmHead(), grads.head));
        }
        this.parameters = List.copyOf(ps);
        this.decoder = new Decoder(model, null, grads);
    }

    private static Parameter matrix(Weight w, float[] grad) {
        return new Parameter(w.name, new int[] {w.rows, w.cols}, w.values(), grad, true);
    }

    private static Parameter vector(String name, float[] value, float[] grad) {
        return new Parameter(name, new int[] {value.length}, value, grad, false);
    }

    @Override
    public ModelConfig config() {
        return model.config();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public SequenceLoss forwardBackward(int[] tokens, float[] targetWeights, float gradScale, long trainingRandomSeed) {
        return decoder.run(tokens, targetWeights, gradScale, true, false, trainingRandomSeed, Decoder.Outputs.NONE);
    }

    @Override
    public SequenceLoss evaluate(int[] tokens, float[] targetWeights) {
        return decoder.run(tokens, targetWeights, 0f, false, false, 0, Decoder.Outputs.NONE);
    }

    @Override
    public void zeroGrad() {
        for (Parameter p : parameters) {
            Arrays.fill(p.grad(), 0f);
        }
    }
}
