package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.RawHttp;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.WebSocketOrigin;
import dev.ledge.testing.WebSocketProbe;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The websocket sample in Rust (the project's binding, Request::handoff_websocket), Go (the Go
 * binding, Request.HandoffWebsocket) and JS (Fastly's own SDK, createWebsocketHandoff), each with
 * its own fastly.toml pointed at a real Vert.x WebSocket origin: a JDK WebSocket client on
 * /ws/... talks to the origin through Ledge (text, binary, a 1 MiB frame, close both ways), the
 * origin's refusal and an unreachable origin reach the client as HTTP answers, and a request that
 * is no upgrade gets the sample's answer (the SDK's 500 in JS) while the server keeps serving.
 */
class WebSocketSampleTest {
    private static final String[] UPGRADE = {"Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"};
    @TempDir
    static Path dir;
    static WebSocketOrigin origin;
    private static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startOrigin() {
        origin = new WebSocketOrigin();
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        origin.close();
        Samples.release("websocket");
    }

    private static TestServer server(String lang) {
        return SERVERS.computeIfAbsent(lang, l -> start(l, origin.port()));
    }

    /** A server for {@code lang}'s sample with its shipped fastly.toml, the origin moved to {@code port}. */
    private static TestServer start(String lang, int port) {
        try {
            PrelinkedModule module = Samples.module(SampleSources.module(lang, "websocket"));
            String shipped = SampleSources.readFastlyToml(lang, "websocket");
            assertTrue(shipped.contains("http://127.0.0.1:8080"), lang + " fastly.toml names the origin http://127.0.0.1:8080");
            Path toml = Files.writeString(dir.resolve(lang + "-" + port + ".toml"),
                    shipped.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + port));
            return new TestServer(module, 8, FastlyToml.load(toml));
        } catch (Exception e) {
            throw new AssertionError("starting the " + lang + " websocket server failed: " + e, e);
        }
    }

    private static URI ws(TestServer s, String path) {
        return URI.create("ws://127.0.0.1:" + s.port() + path);
    }

    @EachLanguage
    void messagesAndClosesCrossTheHandoff(String lang) throws Exception {
        TestServer s = server(lang);
        try (WebSocketProbe c = WebSocketProbe.connect(ws(s, "/ws/chat?lang=" + lang))) {
            assertEquals("hello /ws/chat?lang=" + lang + " built=null host=127.0.0.1:" + s.port(), c.next());
            c.sendText("ping from " + lang);
            assertEquals("ping from " + lang, c.next());
            byte[] large = new byte[1 << 20];
            new Random(lang.hashCode()).nextBytes(large);
            c.sendBinary(large);
            assertArrayEquals(large, (byte[]) c.next());
            c.sendClose(1000, "done " + lang);
            assertEquals("close 1000 done " + lang, c.next());
        }
        try (WebSocketProbe c = WebSocketProbe.connect(ws(s, "/ws/again"))) {
            c.next();
            c.sendText("close-me");
            assertEquals("close 4000 bye", c.next(), "the origin's close reaches the client");
        }
    }

    @EachLanguage
    void theOriginsRefusalReachesTheClient(String lang) {
        RawHttp.Response r = RawHttp.request(server(lang).port(), "GET", "/ws/refuse", "127.0.0.1", UPGRADE);
        assertEquals(403, r.status(), r.body());
        assertEquals("no sockets here", r.body());
        assertEquals("test", r.headers().get("x-why"));
    }

    @EachLanguage
    void anUnreachableOriginIsA502(String lang) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (TestServer down = start(lang, closed)) {
            RawHttp.Response r = RawHttp.request(down.port(), "GET", "/ws/x", "127.0.0.1", UPGRADE);
            assertEquals(502, r.status(), r.body());
            assertTrue(r.body().contains("WebSocket hand-off to backend origin failed") && r.body().contains("connection refused"), r.body());
        }
    }

    @EachLanguage
    void aRequestThatIsNoUpgradeIsAnsweredAndTheServerKeepsServing(String lang) {
        TestServer s = server(lang);
        var r = s.get("/ws/plain");
        if (lang.equals("js")) {
            // The SDK makes the call after the handler has returned and answers a refusal itself.
            assertEquals(500, r.statusCode(), r.body());
        } else {
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("not a WebSocket upgrade (inval)\n", r.body());
        }
        var other = s.get("/elsewhere");
        assertEquals(404, other.statusCode());
        assertEquals("WebSockets live under /ws/\n", other.body());
    }
}
