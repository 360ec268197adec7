package dev.tuna.engine.bench;

import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.model.Llama;
import java.util.SplittableRandom;

/**
 * Generation throughput with the KV cache: prefill (a whole prompt appended at once, matrix-matrix products) and
 * decoding (one token at a time, greedy, memory-bound: each token streams every weight once).
 */
final class GenerateBench {
    private GenerateBench() {
    }

    static void run(BenchReport report, String key, Llama model, int promptLength, int decodeTokens,
                    double seconds) {
        LanguageModel lm = model.languageModel();
        var r = new SplittableRandom(5);
        int[] prompt = new int[promptLength];
        for (int i = 0; i < promptLength; i++) {
            prompt[i] = r.nextInt(lm.vocabSize());
        }
        Timing prefill = Timing.of(() -> {
            try (var s = lm.newSession()) {
                s.append(prompt);
            }
        }, seconds, 2);
        // Decoding after a short prompt, the way a chat answer is produced; the best of several whole runs.
        int[] shortPrompt = java.util.Arrays.copyOf(prompt, Math.min(32, promptLength));
        double bestDecode = Double.MAX_VALUE;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int runs = 0;
        do {
            try (var s = lm.newSession()) {
                float[] logits = s.append(shortPrompt);
                long t0 = System.nanoTime();
                for (int i = 0; i < decodeTokens; i++) {
                    logits = s.append(new int[] {argmax(logits)});
                }
                bestDecode = Math.min(bestDecode, (System.nanoTime() - t0) / 1e9);
            }
            runs++;
        } while (runs < 2 || System.nanoTime() < deadline);
        report.add(key + ".shape", "model", Shapes.describe(model.config()) + ", bf16 weights", "");
        report.add(key + ".prefill_tokens_per_s", "prefill, " + promptLength + "-token prompt",
                prefill.bestRate(promptLength), "tokens/s");
        report.add(key + ".decode_tokens_per_s", "decode, " + decodeTokens + " tokens after " + shortPrompt.length,
                decodeTokens / bestDecode, "tokens/s");
        // Decoding reads every projection and the output head once per token: this is the memory traffic it needs.
        report.add(key + ".decode_weight_gb_per_s", "decode weight stream (weights read per token × tokens/s)",
                decodeWeightBytes(model.config()) * (decodeTokens / bestDecode) / 1e9, "GB/s");
    }

    /** Bytes of bf16 weights one decoded token reads: the seven projections of every layer and the output head. */
    static long decodeWeightBytes(dev.tuna.engine.model.ModelConfig c) {
        long h = c.hiddenSize();
        long perLayer = h * (c.qDim() + 2L * c.kvDim()) + (long) c.qDim() * h + 3L * h * c.intermediateSize();
        return 2L * (c.numLayers() * perLayer + (long) c.vocabSize() * h);
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
