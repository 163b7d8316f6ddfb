package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fastly's JS SDK fetch() through Ledge to a real origin: backends from fastly.toml, request and
 * response bodies streamed, parallel fetches with Promise.all, a dynamic backend and a refused
 * connection surfacing as a JS error.
 */
class JsFetchTest {
    @TempDir
    static Path dir;
    static Origin origin;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        origin = new Origin();
        Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                name = "js-features"
                [local_server.backends.origin]
                url = "http://127.0.0.1:%d"
                [local_server.backends.closed]
                url = "http://127.0.0.1:9"
                """.formatted(origin.port()));
        server = new TestServer(Samples.module("js-features"), 16, FastlyToml.load(toml));
    }

    @AfterAll
    static void stop() {
        server.close();
        origin.close();
    }

    @Test
    void forwardsARequestToTheOriginKeepingPathQueryAndHost() {
        HttpResponse<String> r = server.get("/proxy/item/7?color=red");
        assertEquals(200, r.statusCode());
        assertEquals("/item/7?color=red", r.headers().firstValue("x-origin-path").orElse(null));
        assertEquals("127.0.0.1:" + server.port(), r.headers().firstValue("x-origin-host").orElse(null));
        assertEquals("origin saw GET /item/7?color=red", r.body());
        assertTrue(r.headers().firstValue("keep-alive").isEmpty(), "hop-by-hop headers stay on their hop");
    }

    @Test
    void streamsABodyToTheOriginAndBack() throws Exception {
        byte[] payload = new byte[3 << 20];
        new Random(7).nextBytes(payload);
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/proxy/sha256"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build());
        assertEquals(200, r.statusCode());
        assertEquals("POST", r.headers().firstValue("x-origin-method").orElse(null));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)) + " " + payload.length, r.body());
        HttpResponse<byte[]> big = server.client().send(HttpRequest.newBuilder(server.uri("/proxy/stream/64")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(64 * 64 * 1024, big.body().length);
    }

    @Test
    void fetchesInParallelWithPromiseAll() throws Exception {
        HttpResponse<String> r = server.get("/parallel");
        assertEquals(200, r.statusCode());
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertEquals("body-a", json.get("a").asText());
        assertEquals("body-b", json.get("b").asText());
        assertEquals("body-c", json.get("c").asText());
    }

    @Test
    void registersADynamicBackend() {
        HttpResponse<String> r = server.get("/dynamic/" + origin.port());
        assertEquals(200, r.statusCode());
        assertEquals("body-dyn", r.body());
        assertEquals("dyn-" + origin.port(), r.headers().firstValue("x-backend").orElse(null));
    }

    @Test
    void aRefusedConnectionIsAnErrorTheGuestCanHandle() {
        HttpResponse<String> r = server.get("/refused");
        assertEquals(502, r.statusCode());
        assertTrue(r.body().startsWith("fetch failed"), r.body());
        assertTrue(server.guestLines.stream().anyMatch(l -> l.contains("backend closed") && l.contains("connection refused")),
                server.guestLines.toString());
    }
}
