package dev.tuna.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.engine.train.Hyperparameters;
import dev.tuna.engine.train.LoraSettings;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's LoRA settings ({@code method.supervised.hyperparameters.lora}) reach the trainer. */
class LoraRequestTest {
    private static ObjectNode body(String lora) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"model": "SmolLM2-135M-Instruct", "training_file": "file-abc",
                 "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 2, "lora": %s}}}}"""
                .formatted(lora));
    }

    @Test
    void loraSettingsAreCheckedKeptAndHandedToTheTrainer() throws Exception {
        JobRequest r = JobRequest.parse(body("{\"r\": 4, \"alpha\": 8, \"dropout\": 0.1, \"target_modules\": [\"q_proj\", \"v_proj\"]}"));
        assertThat(r.hyperparameters().get("lora").get("r").asInt()).isEqualTo(4);
        Hyperparameters hp = JobWorker.hyperparameters(r.hyperparameters(), false);
        assertThat(hp.epochs()).isEqualTo(2);
        assertThat(hp.lora()).isEqualTo(new LoraSettings(4, 8, 0.1, List.of("q_proj", "v_proj")));
        // tuna-nano trains fully whatever the request says.
        assertThat(JobWorker.hyperparameters(r.hyperparameters(), true).lora()).isNull();
    }

    @Test
    void missingLoraFieldsTakePeftsDefaults() throws Exception {
        Hyperparameters partial = JobWorker.hyperparameters(JobRequest.parse(body("{\"r\": 16}")).hyperparameters(), false);
        assertThat(partial.lora()).isEqualTo(new LoraSettings(16, 16, 0.05, LoraSettings.ALL_LINEAR));
        Hyperparameters none = JobWorker.hyperparameters(JobRequest.parse(body("null")).hyperparameters(), false);
        assertThat(none.lora()).isEqualTo(LoraSettings.defaults());
    }

    @Test
    void badLoraSettingsAre400sNamingTheField() {
        assertThatThrownBy(() -> JobRequest.parse(body("{\"r\": 0}")))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).param()).isEqualTo("method.supervised.hyperparameters.lora.r"));
        assertThatThrownBy(() -> JobRequest.parse(body("{\"dropout\": 1.0}")))
                .satisfies(e -> assertThat(((ApiException) e).param()).endsWith("lora.dropout"));
        assertThatThrownBy(() -> JobRequest.parse(body("{\"target_modules\": [\"lm_head\"]}")))
                .hasMessageContaining("lm_head")
                .satisfies(e -> assertThat(((ApiException) e).param()).endsWith("lora.target_modules"));
        assertThatThrownBy(() -> JobRequest.parse(body("[8]")))
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }
}
