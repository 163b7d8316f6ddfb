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
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backend requests from the Rust, Go and JS features samples through Ledge to a real origin:
 * backends from fastly.toml, request and response bodies streamed, parallel requests, a dynamic
 * backend and a refused connection the guest handles. Rust and Go use Ledge's own bindings, JS
 * uses Fastly's SDK (fetch, Promise.all, Backend).
 */
class FetchTest {
    @TempDir
    static Path dir;
    static Origin origin;
    static FastlyToml toml;
    static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        origin = new Origin();
        toml = FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), """
                name = "features"
                [local_server.backends.origin]
                url = "http://127.0.0.1:%d"
                [local_server.backends.closed]
                url = "http://127.0.0.1:9"
                """.formatted(origin.port())));
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        origin.close();
    }

    /** The features sample of {@code lang}, compiled once, served with this class's fastly.toml. */
    private static TestServer server(String lang) {
        return SERVERS.computeIfAbsent(lang, l -> new TestServer(Samples.module(l + "-features"), 16, toml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void forwardsARequestToTheOriginKeepingPathQueryAndHost(String lang) {
        TestServer server = server(lang);
        HttpResponse<String> r = server.get("/proxy/item/7?color=red");
        assertEquals(200, r.statusCode());
        assertEquals("/item/7?color=red", r.headers().firstValue("x-origin-path").orElse(null));
        assertEquals("127.0.0.1:" + server.port(), r.headers().firstValue("x-origin-host").orElse(null));
        assertEquals("origin saw GET /item/7?color=red", r.body());
        assertTrue(r.headers().firstValue("keep-alive").isEmpty(), "hop-by-hop headers stay on their hop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void streamsABodyToTheOriginAndBack(String lang) throws Exception {
        TestServer server = server(lang);
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

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void sendsRequestsInParallel(String lang) throws Exception {
        HttpResponse<String> r = server(lang).get("/parallel");
        assertEquals(200, r.statusCode());
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertEquals("body-a", json.get("a").asText());
        assertEquals("body-b", json.get("b").asText());
        assertEquals("body-c", json.get("c").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void registersADynamicBackend(String lang) {
        HttpResponse<String> r = server(lang).get("/dynamic/" + origin.port());
        assertEquals(200, r.statusCode());
        assertEquals("body-dyn", r.body());
        assertEquals("dyn-" + origin.port(), r.headers().firstValue("x-backend").orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void aRefusedConnectionIsAnErrorTheGuestCanHandle(String lang) {
        TestServer server = server(lang);
        HttpResponse<String> r = server.get("/refused");
        assertEquals(502, r.statusCode());
        if (lang.equals("js")) {
            // The JS SDK turns the failure into its own TypeError text.
            assertTrue(r.body().startsWith("fetch failed"), r.body());
        } else {
            // Rust and Go read the send_error_detail tag the host wrote.
            assertEquals("fetch failed: connection refused", r.body());
        }
        assertTrue(server.guestLines.stream().anyMatch(l -> l.contains("backend closed") && l.contains("connection refused")),
                server.guestLines.toString());
    }
}
