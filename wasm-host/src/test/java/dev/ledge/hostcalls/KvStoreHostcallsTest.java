package dev.ledge.hostcalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fastly_kv_store and fastly_object_store driven by real guests (src/test/wat/kv_store.wat and
 * object_store.wat) that check every status and kv_error themselves: success and error paths,
 * what outlives a restart, and expiry.
 */
class KvStoreHostcallsTest {
    private static PrelinkedModule kv;
    private static PrelinkedModule objects;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() {
        kv = PrelinkedModule.load("kv_store", Wat.compile("kv_store"));
        objects = PrelinkedModule.load("object_store", Wat.compile("object_store"));
    }

    private FastlyToml toml(String table) throws Exception {
        return FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), """
                [local_server.%s]
                store1 = [{ key = "seeded", data = "hello", metadata = "m1" }]
                empty = []
                """.formatted(table)));
    }

    private static HttpResponse<String> run(TestServer server, String scenario) {
        return server.send(HttpRequest.newBuilder(server.uri("/kv")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(scenario)).build());
    }

    private static void passes(TestServer server, String scenario) {
        HttpResponse<String> r = run(server, scenario);
        assertEquals("all checks passed", r.body(), "scenario " + scenario);
        assertEquals(200, r.statusCode());
    }

    @Test
    void everySuccessAndErrorPathAnswersAsTheAbiSays() throws Exception {
        try (TestServer server = new TestServer(kv, 4, toml("kv_stores"))) {
            passes(server, "c");
            // The server goes on serving.
            assertEquals(200, run(server, "nothing").statusCode());
        }
    }

    @Test
    void whatAGuestWroteOutlivesARestartAndFastlyTomlWinsForItsKeys() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer first = new TestServer(kv, 4, toml("kv_stores"), data)) {
            passes(first, "w");
        }
        try (TestServer second = new TestServer(kv, 4, toml("kv_stores"), data)) {
            passes(second, "r");
        }
    }

    @Test
    void aValueExpiresAfterItsTimeToLive() throws Exception {
        try (TestServer server = new TestServer(kv, 4, toml("kv_stores"))) {
            passes(server, "t");
            Thread.sleep(1_200);
            passes(server, "u");
        }
    }

    @Test
    void theObjectStoreApiWorksOnTheSameStores() throws Exception {
        try (TestServer server = new TestServer(objects, 4, toml("object_stores"))) {
            HttpResponse<String> r = server.get("/objects");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        }
    }
}
