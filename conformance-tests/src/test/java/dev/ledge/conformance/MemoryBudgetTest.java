package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.Wat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty guests at once each try to grow their memory to 4 GiB (writing every page they get) in a
 * `ledge serve` JVM with a 512 MiB heap and a per-sandbox cap of 4 GiB: the process-wide guest
 * memory budget (half the heap by default) makes their grows fail cleanly with -1, every client
 * gets its answer, and the host never runs out of heap.
 */
class MemoryBudgetTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    @Test
    void fiftyGreedyGuestsCannotExhaustTheHeap(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("greedy.wasm"), Wat.compile("grow_greedy"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process ledge = new ProcessBuilder(javaBin, "-Xmx512m", "-jar", System.getProperty("ledge.jar"), "serve",
                wasm.toString(), "--addr", "127.0.0.1:0", "--no-cache", "--memory-cap-mib", "4096",
                "--max-in-flight", "64").redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try {
            int port = awaitPort(ledge, log);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/");
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.add(client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(3)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int maxPages = 0;
            for (CompletableFuture<HttpResponse<String>> f : all) {
                HttpResponse<String> r = f.get(4, TimeUnit.MINUTES);
                assertEquals(200, r.statusCode(), "a refused grow is the guest's answer to handle, not a host failure: " + r.body());
                String pages = r.headers().firstValue("x-pages").orElse(null);
                assertNotNull(pages, "the guest reports how far it grew");
                maxPages = Math.max(maxPages, Integer.parseInt(pages));
            }
            assertTrue(maxPages > 16, "guests did get memory (largest reached " + maxPages + " pages)");
            assertTrue(maxPages <= 4096 + 16, "no guest held more than the 256 MiB budget: " + maxPages + " pages");
            HttpResponse<String> after = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode(), "the server still serves once the greedy guests are done");
            assertTrue(ledge.isAlive(), "the server survived");
            assertFalse(String.join("\n", log).contains("OutOfMemoryError"), "the host never ran out of heap");
        } finally {
            ledge.destroy();
            ledge.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int awaitPort(Process p, ConcurrentLinkedQueue<String> log) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("ledge exited before listening: " + String.join("\n", log)));
            } catch (java.io.IOException e) {
                port.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return port.get(60, TimeUnit.SECONDS);
    }
}
