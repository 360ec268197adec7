package dev.tuna.data.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelProfileTest {
    @Test
    void knowsOpenAisFineTunableModelsAndTheirEncodings() {
        assertThat(ModelProfile.forModel("gpt-4o-mini-2024-07-18")).satisfies(p -> {
            assertThat(p.encoding()).isEqualTo("o200k_base");
            assertThat(p.tokenLimit()).isEqualTo(65_536);
            assertThat(p.trainingPricePerMillion()).isEqualTo(3.00);
            assertThat(p.known()).isTrue();
        });
        assertThat(ModelProfile.forModel("gpt-3.5-turbo")).satisfies(p -> {
            assertThat(p.encoding()).isEqualTo("cl100k_base");
            assertThat(p.tokenLimit()).isEqualTo(16_385);
            assertThat(p.trainingPricePerMillion()).isEqualTo(8.00);
        });
        assertThat(ModelProfile.forModel("gpt-3.5-turbo-0613").tokenLimit()).isEqualTo(4_096);
        assertThat(ModelProfile.forModel("gpt-4o-2024-08-06").trainingPricePerMillion()).isEqualTo(25.00);
        assertThat(ModelProfile.forModel("gpt-4-0613").encoding()).isEqualTo("cl100k_base");
    }

    @Test
    void judgesFineTunedModelsByTheirBaseIncludingGpt41WhichTiktokenGetsWrong() {
        assertThat(ModelProfile.forModel("ft:gpt-3.5-turbo-0125:acme::abc123").encoding()).isEqualTo("cl100k_base");
        assertThat(ModelProfile.forModel("ft:gpt-4.1-mini-2025-04-14:acme::x").encoding()).isEqualTo("o200k_base");
        assertThat(ModelProfile.forModel("ft:gpt-4.1-mini-2025-04-14:acme::x").trainingPricePerMillion())
                .isEqualTo(5.00);
    }

    @Test
    void anyOtherNameGetsTheDefaultsAndNoPrice() {
        var local = ModelProfile.forModel("tuna-nano");
        assertThat(local.known()).isFalse();
        assertThat(local.encoding()).isEqualTo("o200k_base");
        assertThat(local.trainingPricePerMillion()).isNull();
        assertThat(ModelProfile.forModel("gpt-4ofoo").known()).isFalse();
        assertThat(ModelProfile.forModel(null).model()).isEqualTo(ModelProfile.DEFAULT_MODEL);
    }
}
