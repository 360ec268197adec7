package dev.tuna.cli.files;

import static dev.tuna.cli.client.Fixtures.file;
import static dev.tuna.cli.client.Fixtures.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.Cli;
import dev.tuna.cli.client.FakeOpenAi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesCommandsTest {
    private final FakeOpenAi api = new FakeOpenAi();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void uploadSendsTheFileWithItsNameAndPurpose() throws Exception {
        Path train = Files.writeString(dir.resolve("train.jsonl"), "{\"messages\":[]}\n");
        api.on("POST /v1/files", 200, file("file-abc", "train.jsonl", 16));
        Cli.Result r = Cli.run("files", "upload", train.toString(), "--base-url", api.baseUrl());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Uploaded train.jsonl as file-abc (16 B, purpose fine-tune, processed).\n");
        String body = api.requests("POST /v1/files").getFirst().body();
        assertThat(body).contains("filename=\"train.jsonl\"").contains("fine-tune").contains("{\"messages\":[]}");

        Cli.Result asJson = Cli.run("files", "upload", train.toString(), "--base-url", api.baseUrl(), "--json");
        assertThat(json.readTree(asJson.out()).get("id").asText()).isEqualTo("file-abc");
    }

    @Test
    void uploadOfAMissingFileIsAUsageError() {
        Cli.Result r = Cli.run("files", "upload", dir.resolve("nope.jsonl").toString(), "--base-url", api.baseUrl());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nope.jsonl: no such file");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void listIsATableForPeopleAndTheApiListForScripts() throws Exception {
        api.on("GET /v1/files", 200, list(file("file-a", "train.jsonl", 2_500), file("file-b", "val.jsonl", 812)));
        Cli.Result r = Cli.run("files", "list", "--base-url", api.baseUrl(), "--purpose", "fine-tune");
        assertThat(r.exit()).as(r.toString()).isZero();
        var lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("ID      FILENAME     PURPOSE    SIZE    CREATED");
        assertThat(lines.get(1)).startsWith("file-a  train.jsonl  fine-tune  2.5 kB  ").endsWith("processed");
        assertThat(lines.get(2)).startsWith("file-b  val.jsonl    fine-tune  812 B");
        assertThat(api.requests().getFirst().query()).contains("purpose=fine-tune");

        Cli.Result asJson = Cli.run("files", "list", "--base-url", api.baseUrl(), "--json");
        var tree = json.readTree(asJson.out());
        assertThat(tree.get("object").asText()).isEqualTo("list");
        assertThat(tree.get("data")).hasSize(2);
        assertThat(tree.get("data").get(1).get("bytes").asLong()).isEqualTo(812);
    }

    @Test
    void anEmptyListSaysHowToUpload() {
        api.on("GET /v1/files", 200, list());
        Cli.Result r = Cli.run("files", "list", "--base-url", api.baseUrl());
        assertThat(r.out()).contains("No files at " + api.baseUrl()).contains("tuna files upload");
    }

    @Test
    void getShowsTheDetails() {
        api.on("GET /v1/files/file-a", 200, file("file-a", "train.jsonl", 2_500));
        Cli.Result r = Cli.run("files", "get", "file-a", "--base-url", api.baseUrl());
        assertThat(r.out()).contains("id:        file-a").contains("filename:  train.jsonl").contains("(2500 bytes)");
    }

    @Test
    void contentGoesToStdoutOrAFileAndBase64IsUndone() throws Exception {
        String csv = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,1.52347,0.0,,\n";
        api.on("GET /v1/files/file-r/content", 200, csv);
        Cli.Result r = Cli.run("files", "content", "file-r", "--base-url", api.baseUrl());
        assertThat(r.out()).isEqualTo(csv);

        api.on("GET /v1/files/file-b64/content", 200, Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8)));
        Path out = dir.resolve("sub/metrics.csv");
        Cli.Result saved = Cli.run("files", "content", "file-b64", "-o", out.toString(), "--base-url", api.baseUrl());
        assertThat(saved.exit()).as(saved.toString()).isZero();
        assertThat(Files.readString(out)).isEqualTo(csv);
        assertThat(saved.err()).contains("Wrote " + csv.length() + " B to " + out);
    }

    @Test
    void base64IsOnlyUndoneWhenItDecodesToLines() {
        byte[] word = "abcd".getBytes(StandardCharsets.US_ASCII);
        assertThat(ContentCommand.undoBase64(word)).as("valid base64 but decodes to binary").isEqualTo(word);
        byte[] jsonl = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(ContentCommand.undoBase64(jsonl)).isEqualTo(jsonl);
    }

    @Test
    void deleteReportsTheResult() throws Exception {
        api.on("DELETE /v1/files/file-a", 200, "{\"id\":\"file-a\",\"object\":\"file\",\"deleted\":true}");
        Cli.Result r = Cli.run("files", "delete", "file-a", "--base-url", api.baseUrl());
        assertThat(r.out()).isEqualTo("Deleted file-a.\n");
        Cli.Result asJson = Cli.run("files", "delete", "file-a", "--base-url", api.baseUrl(), "--json");
        assertThat(json.readTree(asJson.out()).get("deleted").asBoolean()).isTrue();
    }
}
