package dev.tuna.engine.generate;

import java.util.SplittableRandom;

/**
 * Test model: logits are a fixed pseudo-random function of (previous token, position), plus a strong preference
 * for continuing a scripted text, so greedy decoding reproduces the script and sampling wanders off it.
 */
final class ScriptedModel implements LanguageModel {
    private final int[] script;
    private final int context;
    int sessions;

    ScriptedModel(int[] script, int context) {
        this.script = script;
        this.context = context;
    }

    @Override
    public int vocabSize() {
        return 257;
    }

    @Override
    public int contextLength() {
        return context;
    }

    @Override
    public Session newSession() {
        sessions++;
        return new Session() {
            int length;
            int promptLength = -1;
            int last;
            final float[] logits = new float[257];

            @Override
            public int length() {
                return length;
            }

            @Override
            public float[] append(int[] tokens) {
                if (promptLength < 0) {
                    promptLength = tokens.length;
                }
                length += tokens.length;
                last = tokens[tokens.length - 1];
                var r = new SplittableRandom(last * 1_000_003L + length);
                for (int i = 0; i < logits.length; i++) {
                    logits[i] = (float) r.nextGaussian();
                }
                int step = length - promptLength;
                int wanted = step < script.length ? script[step] : ByteTokenizer.END;
                logits[wanted] += 10f;
                return logits;
            }
        };
    }
}
