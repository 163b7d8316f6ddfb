package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.Wat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty guests at once each try to grow their memory to 4 GiB (writing every page they get) in a
 * `ledge serve` JVM with a 512 MiB heap and a per-sandbox cap of 4 GiB: the process-wide guest
 * memory budget (half the heap by default) makes their grows fail cleanly with -1, every client
 * gets its answer, and the host never runs out of heap.
 */
class MemoryBudgetTest {

    @Test
    void fiftyGreedyGuestsCannotExhaustTheHeap(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("greedy.wasm"), Wat.compile("grow_greedy"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process ledge = new ProcessBuilder(javaBin, "-Xmx512m", "-jar", System.getProperty("ledge.jar"), "serve",
                wasm.toString(), "--addr", "127.0.0.1:0", "--no-cache", "--memory-cap-mib", "4096",
                "--max-in-flight", "64").redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try {
            int port = ServeOutput.awaitPort(ledge, log, Duration.ofSeconds(60));
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
}
