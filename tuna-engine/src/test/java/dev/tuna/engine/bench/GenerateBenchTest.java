package dev.tuna.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GenerateBenchTest {
    @Test
    void decodeTrafficIsEverySmolLm2WeightButTheNorms() {
        // SmolLM2-135M has 134,515,008 parameters; 61 RMSNorm vectors of 576 are not matrices a token streams.
        long matrices = 134_515_008L - 61L * 576;
        assertEquals(2 * matrices, GenerateBench.decodeWeightBytes(Shapes.smolLm2()));
    }
}
