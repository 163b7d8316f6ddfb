package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ab_test sample in Rust, Go and JS, each with its own fastly.toml (origin URL pointed at a
 * real origin, the split varied): new visitors are split by the config store's percentage and get
 * a sticky cookie, returning visitors keep their variant whatever the split says now, and the
 * origin is asked for the variant's path. Every language gets the same assertions.
 */
class AbTestSampleTest {
    private static final String COOKIE = "ab_checkout-2026";
    @TempDir
    static Path dir;
    static Origin origin;
    /** Per language, the servers by split: 50, 0, 100 and an invalid 150. */
    static final Map<String, Map<String, TestServer>> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        origin = new Origin();
    }

    private static Map<String, TestServer> servers(String lang) {
        return SERVERS.computeIfAbsent(lang, l -> {
            try {
                String shipped = SampleSources.readFastlyToml(l, "ab_test");
                assertTrue(shipped.contains("http://127.0.0.1:8080") && shipped.contains("split = \"50\""), shipped);
                String local = shipped.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + origin.port());
                Map<String, TestServer> bySplit = new HashMap<>();
                for (String split : List.of("50", "0", "100", "150")) {
                    Path toml = Files.writeString(dir.resolve(l + "-split-" + split + ".toml"),
                            local.replace("split = \"50\"", "split = \"" + split + "\""));
                    bySplit.put(split, new TestServer(Samples.module(SampleSources.module(l, "ab_test")), 8,
                            FastlyToml.load(toml)));
                }
                return bySplit;
            } catch (Exception e) {
                throw new AssertionError("starting the " + l + " ab_test servers failed: " + e, e);
            }
        });
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(m -> m.values().forEach(TestServer::close));
        origin.close();
        Samples.release("ab_test");
    }

    private static HttpResponse<String> visit(String lang, String split, String cookie) {
        TestServer server = servers(lang).get(split);
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/pricing?plan=pro"));
        if (cookie != null) {
            b.header("cookie", cookie);
        }
        return server.send(b.build());
    }

    /** The variant of an answer, checked against the path the origin saw and the headers. */
    private static String variant(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        String v = r.headers().firstValue("x-ab-variant").orElseThrow();
        assertEquals("/" + v + "/pricing?plan=pro", r.headers().firstValue("x-origin-path").orElse(null));
        assertEquals("origin saw GET /" + v + "/pricing?plan=pro", r.body());
        assertEquals("private", r.headers().firstValue("cache-control").orElse(null));
        assertEquals("cookie", r.headers().firstValue("vary").orElse(null));
        return v;
    }

    private static Optional<String> setCookie(HttpResponse<String> r) {
        return r.headers().firstValue("set-cookie");
    }

    @EachLanguage
    void newVisitorsAreSplitAndGetAStickyCookie(String lang) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            HttpResponse<String> r = visit(lang, "50", null);
            String v = variant(r);
            seen.merge(v, 1, Integer::sum);
            assertEquals(COOKIE + "=" + v + "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax", setCookie(r).orElse(null));
        }
        // With a 50% split, 120 visitors all landing on one side has probability 2^-119.
        assertEquals(2, seen.size(), seen.toString());
    }

    @EachLanguage
    void theSplitDecidesForNewVisitors(String lang) {
        for (int i = 0; i < 20; i++) {
            assertEquals("a", variant(visit(lang, "0", null)));
            assertEquals("b", variant(visit(lang, "100", null)));
        }
    }

    @EachLanguage
    void returningVisitorsKeepTheirVariantWhateverTheSplit(String lang) {
        HttpResponse<String> b = visit(lang, "0", "theme=dark; " + COOKIE + "=b; lang=es");
        assertEquals("b", variant(b));
        assertTrue(setCookie(b).isEmpty(), "a sticky visitor gets no new cookie");
        HttpResponse<String> a = visit(lang, "100", COOKIE + "=a");
        assertEquals("a", variant(a));
        assertTrue(setCookie(a).isEmpty());
    }

    @EachLanguage
    void anUnknownValueOrAnotherExperimentsCookieMeansANewVisitor(String lang) {
        HttpResponse<String> bad = visit(lang, "100", COOKIE + "=c");
        assertEquals("b", variant(bad));
        assertEquals(COOKIE + "=b; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax", setCookie(bad).orElse(null));
        HttpResponse<String> other = visit(lang, "100", COOKIE + "-old=a");
        assertEquals("b", variant(other));
        assertTrue(setCookie(other).isPresent());
    }

    @EachLanguage
    void aSplitOutOfRangeIsAConfigurationError(String lang) {
        HttpResponse<String> r = visit(lang, "150", null);
        assertEquals(500, r.statusCode());
        assertEquals("config store ab: split must be a whole number from 0 to 100", r.body());
    }
}
