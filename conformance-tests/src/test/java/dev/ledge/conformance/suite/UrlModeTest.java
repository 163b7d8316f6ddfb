package dev.ledge.conformance.suite;

import dev.ledge.conformance.Origin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The URL mode ({@code -Dconformance.url}) exercised for real: a separate {@code ledge serve}
 * process serves the HTTP conformance guest, and the HTTP cases go to its URL exactly as they
 * would to another runtime.
 */
class UrlModeTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)/");

    @TempDir
    Path dir;

    @TestFactory
    DynamicContainer httpCasesAgainstASeparateServer() throws Exception {
        try (Origin origin = new Origin()) {
            Path config = Suite.config(dir, origin.port());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m",
                    "-Dledge.coverage.file=" + System.getProperty("ledge.coverage.file", ""),
                    "-jar", System.getProperty("ledge.jar", "../wasm-host/target/ledge.jar"), "serve",
                    Suite.guest("rust-http_downstream").toAbsolutePath().toString(), "-C", config.toString(),
                    "--addr", "127.0.0.1:0").redirectErrorStream(true);
            pb.environment().put("LEDGE_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
            pb.environment().put("LEDGE_CACHE_DIR",
                    Path.of(System.getProperty("ledge.test.work", "target/test-work"), "run-cache").toAbsolutePath().toString());
            Process ledge = pb.start();
            try {
                // Exactly what -Dconformance.url=http://127.0.0.1:PORT does.
                return HttpConformanceTest.results(awaitUrl(ledge), dir);
            } finally {
                ledge.destroy();
                if (!ledge.waitFor(30, TimeUnit.SECONDS)) {
                    ledge.destroyForcibly();
                }
            }
        }
    }

    /** The base URL the server prints once it listens (its output keeps being drained after). */
    private static String awaitUrl(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread t = new Thread(() -> {
            try {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new AssertionError("ledge serve exited before listening:\n" + log));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "url-mode-server-output");
        t.setDaemon(true);
        t.start();
        return url.get(120, TimeUnit.SECONDS);
    }
}
