package dev.ledge.cache;

import static dev.ledge.cache.CoreCacheGuestTest.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Request collapsing across two concurrent requests of cache_core.wat: the first gets the
 * obligation and only fills the cache once the test lets the rest of its request body through; the second,
 * started meanwhile, is seen waiting in the cache and then gets what the first stored (or, when
 * the first cancels, the obligation itself).
 */
class CacheCollapsingTest {

    @Test
    void aSecondLookupWaitsForTheFirstClientsInsertAndGetsItsObject() throws Exception {
        try (TestServer server = new TestServer(PrelinkedModule.load("cache_core", Wat.compile("cache_core")), 4)) {
            runPair(server, 20, 21);
        }
    }

    @Test
    void whenTheObligedClientCancelsTheWaitingOneTakesTheObligationOver() throws Exception {
        try (TestServer server = new TestServer(PrelinkedModule.load("cache_core", Wat.compile("cache_core")), 4)) {
            runPair(server, 22, 23);
            assertPassed(CoreCacheGuestTest.run(server, 24));
        }
    }

    static void runPair(TestServer server, int firstCase, int secondCase) throws Exception {
        CoreCache cache = server.resources().get(CoreCache.class);
        try (HeldRequest first = new HeldRequest(server.port(), firstCase, "from-first")) {
            awaitTrue("the first request to hold the obligation",
                    () -> server.guestLines.stream().anyMatch(l -> l.endsWith("ep: obligated")));
            HttpRequest second = HttpRequest.newBuilder(server.uri("/")).header("x-case", Integer.toString(secondCase))
                    .timeout(Duration.ofSeconds(60)).GET().build();
            CompletableFuture<HttpResponse<String>> b = server.client().sendAsync(second, HttpResponse.BodyHandlers.ofString());
            awaitTrue("the second request to wait in the cache", () -> cache.waitingLookups() == 1);
            assertEquals("HTTP/1.1 200 OK\n\nall checks passed", first.finish());
            assertPassed(b.get(60, TimeUnit.SECONDS));
        }
        assertEquals(0, cache.waitingLookups());
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * A request written by hand on a socket: the head and the first byte of a chunked body go out
     * at once, the rest of the body only on {@link #finish}, which then reads the whole response.
     * (Java's HttpClient may hold a streamed request back until its body can be read.)
     */
    static final class HeldRequest implements AutoCloseable {
        private final Socket socket;
        private final String body;

        HeldRequest(int port, int xCase, String body) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.body = body;
            socket.setSoTimeout(60_000);
            send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nx-case: " + xCase + "\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n1\r\n" + body.charAt(0) + "\r\n");
        }

        private void send(String text) throws IOException {
            OutputStream o = socket.getOutputStream();
            o.write(text.getBytes(StandardCharsets.US_ASCII));
            o.flush();
        }

        /** Sends the rest of the body; the status line and the response body, separated by a blank line. */
        String finish() throws IOException {
            String rest = body.substring(1);
            send(Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n");
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = response.indexOf("\r\n\r\n");
            return response.substring(0, response.indexOf("\r\n")) + "\n\n" + response.substring(headEnd + 4);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
