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

/** Fastly's JS SDK KVStore, Acl and EdgeRateLimiter, unmodified, on Ledge. */
class JsPlatformTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("blocklist.json"), """
                {"entries": [
                  {"op": "create", "prefix": "203.0.113.0/24", "action": "BLOCK"},
                  {"op": "create", "prefix": "203.0.113.7/32", "action": "ALLOW"},
                  {"op": "create", "prefix": "2001:db8::/32", "action": "BLOCK"}
                ]}
                """);
        Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                name = "js-features"
                [local_server]
                kv_stores.catalog = [{key = "sku-1", data = "red shoes", metadata = "m1"}]
                acls.blocklist = "blocklist.json"
                """);
        server = new TestServer(Samples.module("js-features"), 16, FastlyToml.load(toml));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void kvStoreReadsSeededValuesAndStoresNewOnes() {
        assertEquals("red shoes", server.get("/kv/catalog/sku-1").body());
        assertEquals(404, server.get("/kv/catalog/sku-2").statusCode());
        HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri("/kv/catalog/sku-2"))
                .PUT(HttpRequest.BodyPublishers.ofString("blue hat")).build());
        assertEquals(204, put.statusCode());
        assertEquals("blue hat", server.get("/kv/catalog/sku-2").body());
    }

    @Test
    void aclLookupTakesTheLongestPrefix() throws Exception {
        JsonNode block = JSON.readTree(server.get("/acl/blocklist/203.0.113.9").body());
        assertEquals("BLOCK", block.get("action").asText());
        assertEquals("203.0.113.0/24", block.get("prefix").asText());
        JsonNode allow = JSON.readTree(server.get("/acl/blocklist/203.0.113.7").body());
        assertEquals("ALLOW", allow.get("action").asText());
        assertEquals("BLOCK", JSON.readTree(server.get("/acl/blocklist/2001:db8::1").body()).get("action").asText());
        assertEquals(404, server.get("/acl/blocklist/198.51.100.1").statusCode());
    }

    @Test
    void theRateLimiterBlocksAnEntryThatExceedsItsLimitAndKeepsItBlocked() throws Exception {
        JsonNode first = JSON.readTree(server.get("/erl/client-a").body());
        assertFalse(first.get("blocked").asBoolean());
        assertEquals(1, first.get("count").asInt());
        boolean blocked = false;
        for (int i = 0; i < 200 && !blocked; i++) {
            blocked = JSON.readTree(server.get("/erl/client-a").body()).get("blocked").asBoolean();
        }
        assertTrue(blocked, "more than 3 requests a second must put the entry in the penalty box");
        assertTrue(JSON.readTree(server.get("/erl/client-a").body()).get("blocked").asBoolean(), "the penalty box keeps it");
        assertFalse(JSON.readTree(server.get("/erl/client-b").body()).get("blocked").asBoolean(), "other entries are not affected");
    }
}
