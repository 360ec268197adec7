package dev.tuna.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.engine.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigTest {
    @TempDir
    Path dir;

    /** SmolLM2-135M-Instruct's config.json (values from the model card's config). */
    @Test
    void readsSmolLm2AsLlamaWithTiedEmbeddings() throws IOException {
        ModelConfig m = read("""
                {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
                 "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu", "hidden_size": 576,
                 "initializer_range": 0.041666666666666664, "intermediate_size": 1536,
                 "max_position_embeddings": 8192, "mlp_bias": false, "model_type": "llama",
                 "num_attention_heads": 9, "num_hidden_layers": 30, "num_key_value_heads": 3,
                 "pad_token_id": 2, "pretraining_tp": 1, "rms_norm_eps": 1e-05, "rope_interleaved": false,
                 "rope_scaling": null, "rope_theta": 100000, "tie_word_embeddings": true,
                 "torch_dtype": "bfloat16", "transformers_version": "4.42.3", "use_cache": true, "vocab_size": 49152}
                """);
        assertThat(m.architecture()).isEqualTo("llama");
        assertThat(m.headDim()).isEqualTo(64);
        assertThat(m.numKvHeads()).isEqualTo(3);
        assertThat(m.groupSize()).isEqualTo(3);
        assertThat(m.rmsNormEps()).isEqualTo(1e-5);
        assertThat(m.ropeTheta()).isEqualTo(100000.0);
        assertThat(m.ropeScaling()).isNull();
        assertThat(m.tieWordEmbeddings()).isTrue();
        assertThat(m.attentionBias()).isFalse();
        assertThat(m.bosTokenId()).isEqualTo(1);
        assertThat(m.eosTokenIds()).containsExactly(2);
        assertThat(m.maxPositionEmbeddings()).isEqualTo(8192);
    }

    @Test
    void readsLlama32WithLlama3RopeScalingAndEosList() throws IOException {
        ModelConfig m = read("""
                {"architectures": ["LlamaForCausalLM"], "bos_token_id": 128000,
                 "eos_token_id": [128001, 128008, 128009], "head_dim": 64, "hidden_size": 2048,
                 "intermediate_size": 8192, "max_position_embeddings": 131072, "model_type": "llama",
                 "num_attention_heads": 32, "num_hidden_layers": 16, "num_key_value_heads": 8,
                 "rms_norm_eps": 1e-05, "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0,
                 "low_freq_factor": 1.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                 "rope_theta": 500000.0, "tie_word_embeddings": true, "vocab_size": 128256}
                """);
        assertThat(m.ropeScaling()).isEqualTo(new ModelConfig.RopeScaling("llama3", 32, 1, 4, 8192));
        assertThat(m.eosTokenIds()).containsExactly(128001, 128008, 128009);
        assertThat(m.ropeTheta()).isEqualTo(500000.0);
    }

    @Test
    void qwen2AlwaysHasQkvBiasAndDefaultsApply() throws IOException {
        ModelConfig m = read("""
                {"model_type": "qwen2", "hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24,
                 "num_attention_heads": 14, "num_key_value_heads": 2, "vocab_size": 151936,
                 "rope_theta": 1000000.0, "rms_norm_eps": 1e-06, "tie_word_embeddings": true,
                 "eos_token_id": 151645, "bos_token_id": 151643}
                """);
        assertThat(m.attentionBias()).isTrue();
        assertThat(m.headDim()).isEqualTo(64);
        assertThat(m.maxPositionEmbeddings()).isEqualTo(32768);
        ModelConfig bare = read("""
                {"model_type": "mistral", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "vocab_size": 300}
                """);
        // transformers defaults: kv heads = heads, theta 1e4, eps 1e-6, untied, no bias, no bos/eos
        assertThat(bare.numKvHeads()).isEqualTo(4);
        assertThat(bare.ropeTheta()).isEqualTo(10000.0);
        assertThat(bare.rmsNormEps()).isEqualTo(1e-6);
        assertThat(bare.tieWordEmbeddings()).isFalse();
        assertThat(bare.attentionBias()).isFalse();
        assertThat(bare.bosTokenId()).isEqualTo(-1);
        assertThat(bare.eosTokenIds()).isEmpty();
    }

    @Test
    void refusesWhatTheEngineWouldComputeDifferently() {
        String base = "\"hidden_size\": 64, \"intermediate_size\": 128, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"vocab_size\": 300";
        assertRefused("{\"model_type\": \"gemma\", " + base + "}", "model_type \"gemma\" is not supported");
        assertRefused("{\"model_type\": \"llama\", \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2}, " + base
                + "}", "rope_scaling type \"linear\" is not supported");
        assertRefused("{\"model_type\": \"llama\", \"hidden_act\": \"gelu\", " + base + "}", "hidden_act \"gelu\"");
        assertRefused("{\"model_type\": \"llama\", \"attention_bias\": true, " + base + "}", "attention_bias");
        assertRefused("{\"model_type\": \"llama\", \"num_key_value_heads\": 3, " + base + "}",
                "multiple of num_key_value_heads (3)");
        assertRefused("{\"model_type\": \"llama\", \"hidden_size\": 64}", "\"num_attention_heads\" is missing");
        assertRefused("not json", "cannot read model config");
    }

    @Test
    void writeThenReadGivesTheSameConfig() {
        ModelConfig m = new ModelConfig("llama", 300, 64, 128, 2, 4, 2, 16, 1e-5, 500000.0,
                new ModelConfig.RopeScaling("llama3", 8, 1, 4, 64), false, false, 1024, 1, new int[] {2, 3});
        Path file = dir.resolve("config.json");
        HfConfig.write(m, "float32", file);
        ModelConfig back = HfConfig.read(file);
        assertThat(back).usingRecursiveComparison().isEqualTo(m);
        ModelConfig nano = new ModelConfig("tuna-nano", 300, 64, 128, 2, 4, 4, 16, 1e-5, 10000.0, null, true, false,
                512, 1, new int[] {2});
        HfConfig.write(nano, "float32", file);
        assertThat(HfConfig.read(file).architecture()).isEqualTo("llama");
        assertThat(HfConfig.read(file).tieWordEmbeddings()).isTrue();
    }

    private void assertRefused(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(TunaException.class)
                .hasMessageContaining("config.json").hasMessageContaining(message);
    }

    private ModelConfig read(String json) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return HfConfig.read(file);
    }
}
