package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.tuna.server.testing.ScriptedTrainer;
import dev.tuna.server.testing.TestServer;
import dev.tuna.server.testing.WordModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads come back whole, whether or not the client accepts a compressed body (okhttp, the SDK's, always does). */
class FileContentTest {
    @TempDir
    Path dir;

    @Test
    void largeFileDownloadsWholeWithAndWithoutGzip() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("{\"messages\":[{\"role\":\"user\",\"content\":\"질문 ").append(i)
                    .append("\"},{\"role\":\"assistant\",\"content\":\"답 ").append(i).append("\"}]}\n");
        }
        Path file = dir.resolve("big.jsonl");
        Files.writeString(file, text);
        try (TestServer s = TestServer.start(dir.resolve("data"), new ScriptedTrainer(10), new WordModels())) {
            FileObject uploaded = s.client().files().create(FileCreateParams.builder()
                    .file(file).purpose(FilePurpose.FINE_TUNE).build());

            String viaSdk = new String(s.client().files().content(uploaded.id()).body().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(viaSdk).isEqualTo(text.toString());

            HttpClient http = HttpClient.newHttpClient();
            for (String encoding : new String[] {"gzip", "identity"}) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                        s.uri("/v1/files/" + uploaded.id() + "/content")).header("Accept-Encoding", encoding).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(decoded(r)).as("body with Accept-Encoding: " + encoding).isEqualTo(text.toString());
            }
        }
    }

    private static String decoded(HttpResponse<byte[]> r) throws IOException {
        byte[] body = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
