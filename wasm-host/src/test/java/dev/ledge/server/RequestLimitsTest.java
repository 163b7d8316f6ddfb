package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.GuestEnvironment;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests refused before any sandbox runs, over raw sockets so that the bytes are exactly what
 * a hostile client sends: conflicting lengths (400), too many headers (431), too large a body
 * (413), oversized header sections.
 */
class RequestLimitsTest {
    private Vertx vertx;
    private ServiceResources resources;
    private LedgeServer server;
    private int port;

    @BeforeEach
    void start(@TempDir Path dir) {
        vertx = Vertx.vertx();
        PrelinkedModule m = PrelinkedModule.load("nothing", Wat.compile("nothing"));
        resources = ServiceResources.configure(FastlyToml.empty(), new HostContext(vertx, dir));
        server = new LedgeServer(vertx, new ServiceConfig("t", m, resources, GuestEnvironment.defaults(), (a, b, c) -> { }), 8,
                new RequestLimits(20, 4096, 1000, 30));
        port = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        resources.close();
        vertx.close();
    }

    private String exchange(String raw) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aPlainRequestPasses() throws Exception {
        assertTrue(exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"));
    }

    @Test
    void conflictingContentLengthsAreRefused() throws Exception {
        String r = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
        assertTrue(r.startsWith("HTTP/1.1 400"), r);
    }

    @Test
    void tooManyHeaderFieldsAreRefused() throws Exception {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 30; i++) {
            sb.append("X-H").append(i).append(": v\r\n");
        }
        String r = exchange(sb.append("\r\n").toString());
        assertTrue(r.startsWith("HTTP/1.1 431"), r);
        assertTrue(r.contains("too many header fields (31; at most 20)"), r);
    }

    @Test
    void anOversizedHeaderSectionIsRefused() throws Exception {
        String r = exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8000) + "\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 431") || r.startsWith("HTTP/1.1 400"), r);
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        String declared = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
        assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
        String streamed = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + "b".repeat(2000) + "\r\n0\r\n\r\n");
        assertEquals("HTTP/1.1 413", streamed.substring(0, 12), streamed);
    }

    @Test
    void contentLengthTogetherWithTransferEncodingIsRefused() throws Exception {
        String r = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");
        assertEquals("HTTP/1.1 400", r.substring(0, 12), r);
        assertTrue(r.contains("may not carry both Content-Length and Transfer-Encoding"), r);
        String reversed = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n0\r\n\r\n");
        assertEquals("HTTP/1.1 400", reversed.substring(0, 12), reversed);
        assertTrue(exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"), "the server still answers on a new connection");
    }

    @Test
    void aSmuggledSecondRequestOnAKeptAliveConnectionIsRefused() throws Exception {
        String r = exchangeAll("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200"), r);
        assertTrue(r.contains("HTTP/1.1 400"), "the pipelined request with both framings is refused: " + r);
        assertTrue(r.contains("may not carry both Content-Length and Transfer-Encoding"), r);
    }

    @Test
    void chunkedAloneStillPasses() throws Exception {
        String r = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200"), r);
    }

    /** Everything the server sends until it closes the connection. */
    private String exchangeAll(String raw) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
