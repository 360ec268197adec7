package dev.tuna.data.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostEstimateTest {
    @Test
    void defaultEpochsFollowTheCookbook() {
        assertThat(CostEstimate.defaultEpochs(5)).isEqualTo(20);
        assertThat(CostEstimate.defaultEpochs(10)).isEqualTo(10);
        assertThat(CostEstimate.defaultEpochs(3)).isEqualTo(25);
        assertThat(CostEstimate.defaultEpochs(26)).isEqualTo(3);
        assertThat(CostEstimate.defaultEpochs(8_333)).isEqualTo(3);
        assertThat(CostEstimate.defaultEpochs(8_334)).isEqualTo(2);
        assertThat(CostEstimate.defaultEpochs(5_774)).isEqualTo(3);
        assertThat(CostEstimate.defaultEpochs(30_000)).isEqualTo(1);
    }

    @Test
    void theCookbooksWorkedExample() {
        var cost = CostEstimate.of(5, 4_306, ModelProfile.forModel("gpt-3.5-turbo"));
        assertThat(cost.epochs()).isEqualTo(20);
        assertThat(cost.billedTokens()).isEqualTo(86_120);
        assertThat(cost.estimatedCostUsd()).isCloseTo(0.68896, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CostEstimate.of(5, 4_306, ModelProfile.forModel("tuna-nano")).estimatedCostUsd()).isNull();
    }
}
