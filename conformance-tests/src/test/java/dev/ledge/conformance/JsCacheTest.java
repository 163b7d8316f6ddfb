package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fastly's JS SDK SimpleCache and CoreCache, unmodified, on Ledge: entries outlive the fresh
 * sandbox that stored them, hits are counted, and a purge empties what it names.
 */
class JsCacheTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path toml = Files.writeString(dir.resolve("fastly.toml"), "name = \"js-features\"\n");
        server = new TestServer(Samples.module("js-features"), 16, FastlyToml.load(toml));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void simpleCacheStoresOnceAndServesLaterRequests() throws Exception {
        JsonNode first = JSON.readTree(server.get("/simple-cache/greeting").body());
        assertEquals("made-1", first.get("value").asText());
        assertFalse(first.get("cached").asBoolean());
        JsonNode second = JSON.readTree(server.get("/simple-cache/greeting").body());
        assertEquals("made-1", second.get("value").asText());
        assertTrue(second.get("cached").asBoolean(), "a later request, in a fresh sandbox, finds the entry");
    }

    @Test
    void simpleCachePurgeEmptiesTheEntry() throws Exception {
        assertFalse(JSON.readTree(server.get("/simple-cache/to-purge").body()).get("cached").asBoolean());
        assertTrue(JSON.readTree(server.get("/simple-cache/to-purge").body()).get("cached").asBoolean());
        assertEquals(204, server.get("/simple-purge/to-purge").statusCode());
        assertFalse(JSON.readTree(server.get("/simple-cache/to-purge").body()).get("cached").asBoolean(),
                "after the purge the setter runs again");
    }

    @Test
    void coreCacheInsertsLooksUpAndCountsHits() {
        assertEquals(404, server.get("/core-cache/page").statusCode());
        HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri("/core-cache/page"))
                .PUT(HttpRequest.BodyPublishers.ofString("<h1>cached page</h1>")).build());
        assertEquals(204, put.statusCode());
        HttpResponse<String> hit = server.get("/core-cache/page");
        assertEquals(200, hit.statusCode());
        assertEquals("<h1>cached page</h1>", hit.body());
        HttpResponse<String> again = server.get("/core-cache/page");
        assertTrue(Integer.parseInt(again.headers().firstValue("x-cache-hits").orElse("0"))
                > Integer.parseInt(hit.headers().firstValue("x-cache-hits").orElse("0")), "hits go up");
    }
}
