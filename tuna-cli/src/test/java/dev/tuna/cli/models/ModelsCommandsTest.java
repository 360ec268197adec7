package dev.tuna.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.Cli;
import dev.tuna.cli.client.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelsCommandsTest {
    private static final String NANO = "{\"id\":\"tuna-nano\",\"object\":\"model\",\"created\":1764574200,\"owned_by\":\"tuna\"}";
    private static final String FT = "{\"id\":\"ft:tuna-nano:local:marv:abcd1234\",\"object\":\"model\",\"created\":1764574300,\"owned_by\":\"local\"}";

    private final FakeOpenAi api = new FakeOpenAi();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listGetAndDelete() throws Exception {
        api.on("GET /v1/models", 200, "{\"object\":\"list\",\"data\":[" + NANO + "," + FT + "]}");
        var lines = Cli.run("models", "list", "--base-url", api.baseUrl()).out().lines().toList();
        assertThat(lines.get(0)).startsWith("ID                                OWNED BY  CREATED");
        assertThat(lines.get(1)).startsWith("tuna-nano                         tuna");
        assertThat(lines).hasSize(3);
        var fineTuned = Cli.run("models", "list", "--fine-tuned", "--base-url", api.baseUrl()).out().lines().toList();
        assertThat(fineTuned).hasSize(2);
        assertThat(fineTuned.get(1)).startsWith("ft:tuna-nano:local:marv:abcd1234");
        assertThat(mapper.readTree(Cli.run("models", "list", "--json", "--base-url", api.baseUrl()).out()).get("data")).hasSize(2);

        api.on("GET /v1/models/tuna-nano", 200, NANO);
        assertThat(Cli.run("models", "get", "tuna-nano", "--base-url", api.baseUrl()).out()).contains("owned by:  tuna");

        api.on("DELETE /v1/models/ft:tuna-nano:local:marv:abcd1234", 200,
                "{\"id\":\"ft:tuna-nano:local:marv:abcd1234\",\"object\":\"model\",\"deleted\":true}");
        Cli.Result deleted = Cli.run("models", "delete", "ft:tuna-nano:local:marv:abcd1234", "--base-url", api.baseUrl());
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted ft:tuna-nano:local:marv:abcd1234.\n");
    }
}
