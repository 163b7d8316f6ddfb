package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Config stores, secret stores, log endpoints and the client address from the Rust, Go and JS
 * features samples (Ledge's own bindings for Rust and Go; ConfigStore, SecretStore, Logger and
 * event.client from Fastly's JS SDK).
 */
class StoresTest {
    @TempDir
    static Path dir;
    static FastlyToml toml;
    static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("prices.json"), "{\"AR\": \"ARS\", \"MX\": \"MXN\"}");
        toml = FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), """
                name = "features"
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
                """));
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
    }

    /** The features sample of {@code lang}, compiled once, served with this class's fastly.toml. */
    private static TestServer server(String lang) {
        return SERVERS.computeIfAbsent(lang, l -> new TestServer(Samples.module(l + "-features"), 16, toml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void readsConfigStoresInlineAndFromJson(String lang) {
        TestServer server = server(lang);
        assertEquals("hola", server.get("/config/settings/greeting").body());
        assertEquals("MXN", server.get("/config/currencies/MX").body());
        assertEquals(404, server.get("/config/settings/absent").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void readsSecrets(String lang) {
        TestServer server = server(lang);
        assertEquals("s3cr3t", server.get("/secret/keys/signing").body());
        assertEquals(404, server.get("/secret/keys/other").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void logLinesReachTheLogWithTheRequestId(String lang) {
        TestServer server = server(lang);
        assertEquals(204, server.get("/log?n=1").statusCode());
        assertTrue(server.guestLines.stream().anyMatch(l -> l.matches("[0-9a-f]{32} features: hello from " + lang + " \\?n=1")),
                server.guestLines.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void seesTheClientAddress(String lang) throws Exception {
        JsonNode json = new ObjectMapper().readTree(server(lang).get("/client").body());
        assertEquals("127.0.0.1", json.get("address").asText());
    }
}
