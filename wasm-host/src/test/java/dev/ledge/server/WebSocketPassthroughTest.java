package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.ops.Metrics;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.GuestEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import dev.ledge.testing.RawHttp;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import dev.ledge.testing.WebSocketOrigin;
import dev.ledge.testing.WebSocketProbe;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSocket passthrough end to end: a real Ledge server running src/test/wat/websocket.wat hands
 * WebSocket clients (the JDK's client) to a real Vert.x WebSocket origin through each of the three
 * hand-off calls. Text, binary and 1 MiB frames cross unchanged (Ledge's strict HTTP decoder is out
 * of the way), close handshakes pass both ways, a TLS origin is reached with the backend's CA, cert
 * host and override host, an open tunnel holds no sandbox and is closed after the idle timeout, the
 * origin's refusal and an unreachable origin reach the client as HTTP answers, and the error paths
 * answer their ABI statuses.
 */
class WebSocketPassthroughTest {
    private static final String[] UPGRADE = {"Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"};
    /** The default 1 s connect timeout includes the TLS handshake, which a loaded test machine can exceed. */
    private static final String SLOW_MACHINE = "connect_timeout_ms = 20000\n";
    @TempDir
    static Path dir;
    static WebSocketOrigin origin;
    static PrelinkedModule guest;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Metrics.enable();
        origin = new WebSocketOrigin();
        guest = PrelinkedModule.load("websocket", Wat.compile("websocket"));
        server = new TestServer(guest, 4, toml("origin", "http://127.0.0.1:" + origin.port()));
    }

    @AfterAll
    static void stop() {
        server.close();
        origin.close();
    }

    private static FastlyToml toml(String name, String url) throws Exception {
        return FastlyToml.load(Files.writeString(dir.resolve(name + "-" + System.nanoTime() + ".toml"),
                "[local_server.backends.origin]\nurl = \"" + url + "\"\n" + SLOW_MACHINE));
    }

    private static URI ws(TestServer s, String path) {
        return URI.create("ws://127.0.0.1:" + s.port() + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u", "1", "2"})
    void framesCrossTheTunnelUnchangedBothWays(String mode) throws Exception {
        try (WebSocketProbe c = WebSocketProbe.connect(ws(server, "/ws/chat?room=7"), "x-mode", mode)) {
            assertEquals("hello /ws/chat?room=7 built=null host=127.0.0.1:" + server.port(), c.next());
            c.sendText("ping");
            assertEquals("ping", c.next());
            String httpLooking = "GET / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n";
            c.sendText(httpLooking);
            assertEquals(httpLooking, c.next());
            byte[] small = new byte[256];
            for (int i = 0; i < small.length; i++) {
                small[i] = (byte) i;
            }
            c.sendBinary(small);
            assertArrayEquals(small, (byte[]) c.next());
            byte[] large = new byte[1 << 20];
            new Random(7).nextBytes(large);
            c.sendBinary(large);
            assertArrayEquals(large, (byte[]) c.next());
            String largeText = "ü".repeat(1 << 19);
            c.sendText(largeText);
            assertEquals(largeText, c.next());
            c.sendClose(1000, "done");
            assertEquals("close 1000 done", c.next());
        }
        assertTrue(originSaw("1000 done"), "the origin saw the client's close: " + origin.closes);
        if (mode.equals("2")) {
            // After its hand-off the guest can neither hand the client off again nor answer it (both error).
            assertTrue(server.guestLines.stream().anyMatch(l -> l.endsWith("after hand-off: again=1 send=1")), server.guestLines.toString());
        }
    }

    @Test
    void theOriginsCloseReachesTheClient() {
        try (WebSocketProbe c = WebSocketProbe.connect(ws(server, "/ws/x"), "x-mode", "u")) {
            assertTrue(((String) c.next()).startsWith("hello /ws/x "));
            c.sendText("close-me");
            assertEquals("close 4000 bye", c.next());
        }
    }

    @Test
    void theUpgradeHeadersReachTheOrigin() {
        int before = origin.upgrades.size();
        try (WebSocketProbe c = WebSocketProbe.connect(ws(server, "/ws/h"), "x-mode", "1")) {
            c.next();
        }
        String seen = origin.upgrades.get(before);
        String[] parts = seen.split("\\|");
        assertEquals(24, parts[0].length(), "a Sec-WebSocket-Key of 16 bytes, base64: " + seen);
        assertEquals("websocket", parts[1].toLowerCase());
        assertEquals("upgrade", parts[2].toLowerCase());
    }

    @Test
    void aRequestTheGuestBuiltGivesTheUriAndHeadersTheOriginSees() {
        try (WebSocketProbe c = WebSocketProbe.connect(ws(server, "/ws/ignored"), "x-mode", "b")) {
            assertEquals("hello /built?x=1 built=yes host=ws.example", c.next());
            c.sendText("echo");
            assertEquals("echo", c.next());
        }
    }

    @Test
    void anOpenTunnelHoldsNoSandbox() throws Exception {
        // One sandbox: were a tunnel to keep it, the second connection and the plain request would
        // be refused (503) for as long as the first tunnel is open. A 503 is retried for a while,
        // since the sandbox is free only once its guest has returned, just after the 101.
        try (TestServer one = new TestServer(guest, 1, toml("one", "http://127.0.0.1:" + origin.port()));
             WebSocketProbe a = connectRetrying(ws(one, "/ws/a"), "u");
             WebSocketProbe b = connectRetrying(ws(one, "/ws/b"), "2")) {
            assertTrue(((String) a.next()).startsWith("hello /ws/a "));
            assertTrue(((String) b.next()).startsWith("hello /ws/b "));
            HttpResponse<String> r = one.get("/plain");
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); r.statusCode() == 503 && System.nanoTime() < end; ) {
                Thread.sleep(50);
                r = one.get("/plain");
            }
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("no mode", r.body());
            a.sendText("still a");
            b.sendText("still b");
            assertEquals("still a", a.next());
            assertEquals("still b", b.next());
        }
        String metrics = Metrics.global().scrape();
        assertTrue(metrics.contains("ledge_websocket_handoffs_total{backend=\"origin\",outcome=\"tunnel\"}"), metrics);
        assertTrue(metrics.contains("ledge_websocket_tunnels_open"), metrics);
    }

    /** Connects with x-mode {@code mode}, retrying while the server answers 503 (its one sandbox not yet free), up to 20 s. */
    private static WebSocketProbe connectRetrying(URI uri, String mode) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return WebSocketProbe.connect(uri, "x-mode", mode);
            } catch (AssertionError e) {
                if (System.nanoTime() > end || !String.valueOf(e.getCause()).contains("WebSocketHandshakeException")
                        || !stackText(e).contains("503")) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String stackText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aTunnelWithNoTrafficForTheIdleTimeoutIsClosed() throws Exception {
        Vertx vertx = Vertx.vertx();
        ServiceResources resources = ServiceResources.configure(toml("idle", "http://127.0.0.1:" + origin.port()),
                new HostContext(vertx, dir.resolve("idle-data")));
        LedgeServer idle = new LedgeServer(vertx, new ServiceConfig("idle", guest, resources, GuestEnvironment.defaults(),
                (a, b, c) -> { }), 4, new RequestLimits(100, 64 * 1024, 0, 1));
        try {
            int port = idle.start("127.0.0.1", 0);
            try (WebSocketProbe c = WebSocketProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws/idle"), "x-mode", "u")) {
                assertTrue(((String) c.next()).startsWith("hello /ws/idle "));
                Object end = c.next();
                assertTrue(end.toString().startsWith("close 1006") || end.toString().startsWith("error "), end.toString());
            }
        } finally {
            idle.close();
            resources.close();
            vertx.close();
        }
    }

    @Test
    void aTlsOriginIsReachedWithTheBackendsCaCertHostAndOverrideHost() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        try (WebSocketOrigin tlsOrigin = new WebSocketOrigin(cert)) {
            Path toml = Files.writeString(dir.resolve("tls.toml"), "[local_server.backends.origin]\n"
                    + "url = \"https://127.0.0.1:" + tlsOrigin.port() + "\"\n"
                    + "cert_host = \"localhost\"\n"
                    + "override_host = \"ws.override.example\"\n"
                    + "ca_certificate = \"" + cert.certificatePath() + "\"\n" + SLOW_MACHINE);
            try (TestServer tls = new TestServer(guest, 2, FastlyToml.load(toml));
                 WebSocketProbe c = WebSocketProbe.connect(ws(tls, "/ws/secure"), "x-mode", "2")) {
                assertEquals("hello /ws/secure built=null host=ws.override.example", c.next());
                c.sendText("over tls");
                assertEquals("over tls", c.next());
            }
        }
    }

    @Test
    void theOriginsRefusalReachesTheClientAsSent() {
        RawHttp.Response r = RawHttp.request(server.port(), "GET", "/refuse/me", "127.0.0.1", with("x-mode: u"));
        assertEquals(403, r.status(), r.body());
        assertEquals("no sockets here", r.body());
        assertEquals("test", r.headers().get("x-why"));
    }

    @Test
    void anUnreachableOriginIsA502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (TestServer down = new TestServer(guest, 1, toml("down", "http://127.0.0.1:" + closed))) {
            RawHttp.Response r = RawHttp.request(down.port(), "GET", "/ws/x", "127.0.0.1", with("x-mode: 2"));
            assertEquals(502, r.status(), r.body());
            assertTrue(r.body().startsWith("Ledge: the WebSocket hand-off to backend origin failed: "), r.body());
            assertTrue(r.body().contains("connection refused"), r.body());
            assertEquals(200, down.get("/").statusCode(), "the server keeps serving");
        }
    }

    @Test
    void aRequestThatIsNoUpgradeCannotBeHandedOff() {
        // Unknown backend, bad handle, bad pointers, and the plain request itself: the guest checks the statuses.
        RawHttp.Response checks = RawHttp.request(server.port(), "GET", "/c", "127.0.0.1", "x-mode: c");
        assertEquals("all checks passed", checks.body());
        assertEquals(200, checks.status());
        for (String mode : new String[] {"u", "1", "2", "b"}) {
            RawHttp.Response r = RawHttp.request(server.port(), "GET", "/ws/x", "127.0.0.1", "x-mode: " + mode);
            assertEquals(500, r.status(), mode + ": " + r.body());
            assertEquals("hand-off status 2", r.body(), mode);
        }
        // Upgrade asked for, but not to WebSocket, and a POST: neither is a WebSocket upgrade.
        RawHttp.Response otherProtocol = RawHttp.request(server.port(), "GET", "/ws/x", "127.0.0.1", "x-mode: u",
                "Upgrade: foo", "Connection: Upgrade");
        assertEquals("hand-off status 2", otherProtocol.body());
        RawHttp.Response post = RawHttp.request(server.port(), "POST", "/ws/x", "127.0.0.1", with("x-mode: u", "Content-Length: 0"));
        assertEquals("hand-off status 2", post.body());
        assertEquals(200, server.get("/").statusCode(), "the server keeps serving");
    }

    /** Whether the origin gets a close with {@code codeAndReason} within 30 s (aborted clients leave 1006 entries). */
    private static boolean originSaw(String codeAndReason) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            String c = origin.closes.poll(1, TimeUnit.SECONDS);
            if (codeAndReason.equals(c)) {
                return true;
            }
        }
        return false;
    }

    private static String[] with(String... extra) {
        String[] all = new String[UPGRADE.length + extra.length];
        System.arraycopy(UPGRADE, 0, all, 0, UPGRADE.length);
        System.arraycopy(extra, 0, all, UPGRADE.length, extra.length);
        return all;
    }
}
