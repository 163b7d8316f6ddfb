package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.Wat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream through a guest in both directions without sitting whole in memory: `ledge serve`
 * runs in its own JVM with a 96 MiB heap and proxies 256 MiB to the origin and 256 MiB back.
 */
class LargeBodyProxyTest {
    private static final long SIZE = 256L << 20;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    /** An endless deterministic byte source, hashed as it is read. */
    private static final class Payload extends InputStream {
        private final Random random = new Random(11);
        private final MessageDigest sha;
        private final byte[] chunk = new byte[64 * 1024];
        private long left = SIZE;
        private int pos = chunk.length;

        Payload() throws Exception {
            sha = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            if (pos == chunk.length) {
                random.nextBytes(chunk);
                pos = 0;
            }
            int n = (int) Math.min(Math.min(len, chunk.length - pos), left);
            System.arraycopy(chunk, pos, b, off, n);
            sha.update(chunk, pos, n);
            pos += n;
            left -= n;
            return n;
        }
    }

    @Test
    void proxies256MiBEachWayWithA96MiBHeap(@TempDir Path dir) throws Exception {
        try (Origin origin = new Origin()) {
            Path wasm = Files.write(dir.resolve("proxy.wasm"), Wat.compile("proxy"));
            Path toml = Files.writeString(dir.resolve("fastly.toml"),
                    "[local_server.backends.origin]\nurl = \"http://127.0.0.1:" + origin.port() + "\"\n");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process ledge = new ProcessBuilder(javaBin, "-Xmx96m",
                    "-Dledge.coverage.file=" + System.getProperty("ledge.coverage.file", ""), "-jar", System.getProperty("ledge.jar"), "serve",
                    wasm.toString(), "-C", toml.toString(), "--addr", "127.0.0.1:0", "--no-cache")
                    .redirectErrorStream(true).start();
            try {
                int port = awaitPort(ledge);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                Payload payload = new Payload();
                HttpResponse<String> up = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sha256"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> payload)).timeout(java.time.Duration.ofMinutes(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, up.statusCode(), up.body());
                assertEquals(HexFormat.of().formatHex(payload.sha.digest()) + " " + SIZE, up.body());

                HttpResponse<InputStream> down = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/stream/" + (SIZE / 65536))).timeout(java.time.Duration.ofMinutes(3)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, down.statusCode());
                long n = 0;
                try (InputStream in = down.body()) {
                    byte[] buf = new byte[1 << 16];
                    for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                        n += r;
                    }
                }
                assertEquals(SIZE, n);
                assertTrue(ledge.isAlive(), "the server survived");
            } finally {
                ledge.destroy();
                ledge.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int awaitPort(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                    if (line.contains("OutOfMemoryError")) {
                        port.completeExceptionally(new AssertionError("ledge ran out of heap: " + line));
                    }
                }
                port.completeExceptionally(new AssertionError("ledge exited before listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return port.get(60, TimeUnit.SECONDS);
    }
}
