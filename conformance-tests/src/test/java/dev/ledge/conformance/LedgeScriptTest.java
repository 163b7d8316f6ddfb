package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ledge runs ledge.jar with its classes prepared ahead: an AOT cache on a JDK 25 or newer
 * (chosen on its own when one is installed), an AppCDS archive on JDK 17; either is made by the
 * first run and reused after, and the server answers through it.
 */
class LedgeScriptTest {
    private static final Path JAR = Path.of(System.getProperty("ledge.jar")).toAbsolutePath().normalize();
    private static final Path SCRIPT = JAR.getParent().getParent().getParent().resolve("scripts").resolve("ledge");

    /** The newest JDK of feature version 25 or more under /usr/lib/jvm, as the script looks for it, or null. */
    private static Path installedJdk25() throws IOException {
        Path best = null;
        int bestVersion = 24;
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
            for (Path d : dirs) {
                Path release = d.resolve("release");
                if (!Files.isRegularFile(release) || !Files.isExecutable(d.resolve("bin/java"))) {
                    continue;
                }
                Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) > bestVersion) {
                    bestVersion = Integer.parseInt(m.group(1));
                    best = d;
                }
            }
        }
        return best;
    }

    /** One `scripts/ledge serve` launch: its output, after a request to it was answered 200. */
    private static List<String> serveOnce(Path home, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "serve", "--addr", "127.0.0.1:0",
                "--cache-dir", home.resolve("compiled").toString(), Samples.wasm("rust-hello").toString()).redirectErrorStream(true);
        pb.environment().put("LEDGE_JAR", JAR.toString());
        pb.environment().put("XDG_CACHE_HOME", home.toString());
        pb.environment().remove("LEDGE_JAVA");
        pb.environment().remove("LEDGE_CDS");
        pb.environment().remove("LEDGE_CDS_ARCHIVE");
        pb.environment().putAll(env);
        Process p = pb.start();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try {
            int port = ServeOutput.awaitPort(p, log, Duration.ofMinutes(3));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("Hello from Ledge"), r.body());
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return new ArrayList<>(log);
    }

    private static List<String> archives(Path home) throws IOException {
        Path dir = home.resolve("ledge").resolve("cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void onJdk17AClassDataArchiveIsMadeOnceAndUsedAfter(@TempDir Path home) throws Exception {
        String java17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> first = serveOnce(home, Map.of("LEDGE_JAVA", java17));
        assertTrue(String.join("\n", first).contains("making a class-data archive"), String.join("\n", first));
        List<String> made = archives(home);
        assertEquals(1, made.size(), made.toString());
        String expected = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        assertTrue(made.get(0).endsWith(expected), made + " (expected a " + expected + " for JDK " + Runtime.version() + ")");
        List<String> second = serveOnce(home, Map.of("LEDGE_JAVA", java17));
        assertFalse(String.join("\n", second).contains("making a class-data archive"), "the archive was made again: " + second);
        assertEquals(made, archives(home));
    }

    @Test
    void aJdk25OrNewerIsPickedOnItsOwnWhenInstalledAndServesThroughItsAotCache(@TempDir Path home) throws Exception {
        Path jdk25 = installedJdk25();
        // java on the PATH is the JDK running this test; the script upgrades to an installed JDK 25+ if there is one.
        String path = Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");
        List<String> out = serveOnce(home, Map.of("PATH", path));
        List<String> made = archives(home);
        assertEquals(1, made.size(), made + "\n" + String.join("\n", out));
        boolean newer = jdk25 != null || Runtime.version().feature() >= 25;
        assertTrue(made.get(0).endsWith(newer ? ".aot" : ".jsa"),
                made + " (JDK 25+ installed: " + jdk25 + ", test JDK " + Runtime.version() + ")");
        if (jdk25 != null) {
            String release = Files.readString(jdk25.resolve("release"));
            Matcher m = Pattern.compile("(?m)^JAVA_RUNTIME_VERSION=\"([^\"]+)\"").matcher(release);
            assertTrue(m.find() && made.get(0).contains(m.group(1).replaceAll("[^A-Za-z0-9._-]", "_")),
                    "the cache is named after the JDK that made it: " + made);
        }
    }
}
