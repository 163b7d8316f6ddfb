package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fastly's JS SDK ConfigStore, SecretStore, Logger and event.client, unmodified, on Ledge. */
class JsStoresTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("prices.json"), "{\"AR\": \"ARS\", \"MX\": \"MXN\"}");
        Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                name = "js-features"
                [local_server.config_stores.settings]
                format = "inline-toml"
                [local_server.config_stores.settings.contents]
                greeting = "hola"
                split = "50"
                [local_server.config_stores.currencies]
                format = "json"
                file = "prices.json"
                [local_server.secret_stores]
                keys = [{key = "signing", data = "s3cr3t"}]
                """);
        server = new TestServer(Samples.module("js-features"), 16, FastlyToml.load(toml));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsConfigStoresInlineAndFromJson() {
        assertEquals("hola", server.get("/config/settings/greeting").body());
        assertEquals("MXN", server.get("/config/currencies/MX").body());
        assertEquals(404, server.get("/config/settings/absent").statusCode());
    }

    @Test
    void readsSecrets() {
        assertEquals("s3cr3t", server.get("/secret/keys/signing").body());
        assertEquals(404, server.get("/secret/keys/other").statusCode());
    }

    @Test
    void loggerLinesReachTheLogWithTheRequestId() {
        assertEquals(204, server.get("/log?n=1").statusCode());
        assertTrue(server.guestLines.stream().anyMatch(l -> l.matches("[0-9a-f]{32} features: hello from js \\?n=1")),
                server.guestLines.toString());
    }

    @Test
    void seesTheClientAddress() throws Exception {
        JsonNode json = new ObjectMapper().readTree(server.get("/client").body());
        assertEquals("127.0.0.1", json.get("address").asText());
    }
}
