package dev.tuna.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.io.SafetensorsCheckpoint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tiny random checkpoints of each architecture against a plain-torch transcription of the Hugging Face forward
 * pass (src/test/python/make_reference_fixtures.py): logits, weighted loss, and parameter gradients.
 */
class ReferenceModelTest {
    static Path reference(String name) {
        try {
            return Path.of(ReferenceModelTest.class.getResource("/reference/" + name + "/config.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Expected(int[] tokens, float[] targetWeights, float gradScale, float[] logits, double weightedNll,
                    SafetensorsCheckpoint file) {
        static Expected of(Path dir) {
            var ck = SafetensorsCheckpoint.open(dir.resolve("expected.safetensors"));
            float[] t = ck.tensor("tokens").toFloatArray();
            int[] tokens = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                tokens[i] = Math.round(t[i]);
            }
            return new Expected(tokens, ck.tensor("target_weights").toFloatArray(),
                    ck.tensor("grad_scale").toFloatArray()[0], ck.tensor("logits").toFloatArray(),
                    ck.tensor("weighted_nll").toFloatArray()[0], ck);
        }
    }

    /** max |a − b| ≤ tol · max |b|. */
    static void assertClose(String what, float[] actual, float[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        double maxRef = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        System.out.printf("%-60s max|ref|=%.4e max diff=%.3e rel=%.3e%n", what, maxRef, maxDiff, maxDiff / maxRef);
        assertThat(maxRef).as(what + " is non-trivial").isGreaterThan(0);
        assertThat(maxDiff).as(what).isLessThanOrEqualTo(tol * maxRef);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3_scaled_gqa", "qwen2_bias_tied", "mistral_headdim", "smollm_tied_mha_bf16"})
    void logitsLossAndGradientsMatchTheReference(String name) {
        Path dir = reference(name);
        Expected e = Expected.of(dir);
        Llama model = Llama.load(dir);

        assertClose(name + " logits", model.logits(e.tokens()), e.logits(), 1e-4);

        TrainableModel full = model.fullTraining();
        SequenceLoss loss = full.forwardBackward(e.tokens(), e.targetWeights(), e.gradScale(), 0);
        assertThat(loss.weightedNll()).isCloseTo(e.weightedNll(), org.assertj.core.data.Percentage.withPercentage(1e-2));
        Map<String, Parameter> byName = full.parameters().stream()
                .collect(Collectors.toMap(Parameter::name, Function.identity()));
        int compared = 0;
        for (String tensor : e.file().names()) {
            if (tensor.startsWith("grad.")) {
                String param = tensor.substring("grad.".length());
                assertThat(byName).containsKey(param);
                assertClose(name + " grad " + param, byName.get(param).grad(),
                        e.file().tensor(tensor).toFloatArray(), 1e-4);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3_scaled_gqa", "qwen2_bias_tied"})
    void perTokenNllIsTheCrossEntropyOfTheReferenceLogits(String name) {
        Path dir = reference(name);
        Expected e = Expected.of(dir);
        Llama model = Llama.load(dir);
        int vocab = model.config().vocabSize();
        float[] nll = model.nll(e.tokens());
        float[] expected = new float[e.tokens().length - 1];
        double weighted = 0;
        for (int t = 0; t < expected.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < vocab; i++) {
                max = Math.max(max, e.logits()[t * vocab + i]);
            }
            double sum = 0;
            for (int i = 0; i < vocab; i++) {
                sum += Math.exp(e.logits()[t * vocab + i] - max);
            }
            expected[t] = (float) (Math.log(sum) + max - e.logits()[t * vocab + e.tokens()[t + 1]]);
            weighted += e.targetWeights()[t] * expected[t];
        }
        assertClose(name + " nll", nll, expected, 1e-4);
        assertThat(weighted).isCloseTo(e.weightedNll(), org.assertj.core.data.Percentage.withPercentage(1e-3));
        var eval = model.fullTraining().evaluate(e.tokens(), e.targetWeights());
        assertThat(eval.weightedNll()).isCloseTo(e.weightedNll(), org.assertj.core.data.Percentage.withPercentage(1e-2));
        assertThat(eval.targets()).isEqualTo(8);
        assertThat(eval.targetWeight()).isEqualTo(7.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3_scaled_gqa", "qwen2_bias_tied", "mistral_headdim", "smollm_tied_mha_bf16"})
    void kvCacheDecodingMatchesTheReference(String name) {
        Path dir = reference(name);
        Expected e = Expected.of(dir);
        LanguageModel lm = Llama.load(dir).languageModel();
        int vocab = lm.vocabSize();
        int prompt = 5;
        try (LanguageModel.Session s = lm.newSession()) {
            float[] logits = s.append(java.util.Arrays.copyOf(e.tokens(), prompt));
            assertClose(name + " prefill logits", logits.clone(),
                    java.util.Arrays.copyOfRange(e.logits(), (prompt - 1) * vocab, prompt * vocab), 1e-4);
            for (int t = prompt; t < e.tokens().length; t++) {
                logits = s.append(new int[] {e.tokens()[t]});
                assertClose(name + " decode logits @" + t, logits.clone(),
                        java.util.Arrays.copyOfRange(e.logits(), t * vocab, (t + 1) * vocab), 1e-4);
            }
            assertThat(s.length()).isEqualTo(e.tokens().length);
        }
    }
}
