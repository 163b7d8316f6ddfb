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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KV stores, ACLs and edge rate limiting from the Rust and Go features samples through Ledge's
 * own bindings: the assertions JsPlatformTest makes for Fastly's JS SDK, plus KV insert modes,
 * generation match, metadata, TTL, delete and paged listings, and penalty boxes.
 */
class PlatformTest {
    @TempDir
    static Path dir;
    static FastlyToml toml;
    static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();
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
        toml = FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), """
                name = "features"
                [local_server]
                kv_stores.catalog = [{key = "sku-1", data = "red shoes", metadata = "m1"}]
                kv_stores.scratch = []
                acls.blocklist = "blocklist.json"
                """));
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
    }

    private static TestServer server(String lang) {
        return SERVERS.computeIfAbsent(lang, l -> new TestServer(Samples.module(l + "-features"), 16, toml));
    }

    private static HttpResponse<String> put(TestServer server, String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> delete(TestServer server, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).DELETE().build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void kvStoreReadsSeededValuesWithMetadataAndStoresNewOnes(String lang) {
        TestServer server = server(lang);
        HttpResponse<String> seeded = server.get("/kv/catalog/sku-1");
        assertEquals("red shoes", seeded.body());
        assertEquals("m1", seeded.headers().firstValue("x-metadata").orElse(null));
        assertEquals(404, server.get("/kv/catalog/sku-2").statusCode());
        assertEquals(204, put(server, "/kv/catalog/sku-2?meta=fresh", "blue hat").statusCode());
        HttpResponse<String> stored = server.get("/kv/catalog/sku-2");
        assertEquals("blue hat", stored.body());
        assertEquals("fresh", stored.headers().firstValue("x-metadata").orElse(null));
        assertEquals(500, server.get("/kv/nostore/k").statusCode(), "an unknown store is an error the guest reports");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void kvInsertModesCombineWithTheStoredValue(String lang) {
        TestServer server = server(lang);
        assertEquals(204, put(server, "/kv/scratch/modes?mode=add", "b").statusCode());
        assertEquals(412, put(server, "/kv/scratch/modes?mode=add", "x").statusCode(), "add never replaces");
        assertEquals(204, put(server, "/kv/scratch/modes?mode=append", "c").statusCode());
        assertEquals(204, put(server, "/kv/scratch/modes?mode=prepend", "a").statusCode());
        assertEquals("abc", server.get("/kv/scratch/modes").body());
        assertEquals(204, put(server, "/kv/scratch/modes?mode=overwrite", "z").statusCode());
        assertEquals("z", server.get("/kv/scratch/modes").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void kvGenerationMatchGuardsConcurrentWriters(String lang) {
        TestServer server = server(lang);
        assertEquals(204, put(server, "/kv/scratch/gen", "v1").statusCode());
        long generation = Long.parseLong(server.get("/kv/scratch/gen").headers().firstValue("x-generation").orElseThrow());
        assertEquals(412, put(server, "/kv/scratch/gen?gen=" + (generation + 1), "stale writer").statusCode());
        assertEquals("v1", server.get("/kv/scratch/gen").body());
        assertEquals(204, put(server, "/kv/scratch/gen?gen=" + generation, "v2").statusCode());
        HttpResponse<String> after = server.get("/kv/scratch/gen");
        assertEquals("v2", after.body());
        assertTrue(Long.parseLong(after.headers().firstValue("x-generation").orElseThrow()) != generation, "a write makes a new generation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void kvDeleteRemovesAndReportsMissingKeys(String lang) {
        TestServer server = server(lang);
        assertEquals(204, put(server, "/kv/scratch/doomed", "x").statusCode());
        assertEquals(204, delete(server, "/kv/scratch/doomed").statusCode());
        assertEquals(404, server.get("/kv/scratch/doomed").statusCode());
        assertEquals(404, delete(server, "/kv/scratch/doomed").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void kvValuesWithATtlExpire(String lang) throws Exception {
        TestServer server = server(lang);
        assertEquals(204, put(server, "/kv/scratch/short?ttl=1", "brief").statusCode());
        assertEquals(204, put(server, "/kv/scratch/long?ttl=3600", "lasting").statusCode());
        int status = 200;
        for (int i = 0; i < 100 && status == 200; i++) {
            Thread.sleep(100);
            status = server.get("/kv/scratch/short").statusCode();
        }
        assertEquals(404, status, "a value with a 1 s TTL is gone within 10 s");
        assertEquals("lasting", server.get("/kv/scratch/long").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void kvListsPagesUnderAPrefixWithACursor(String lang) throws Exception {
        TestServer server = server(lang);
        for (String k : List.of("p-1", "p-2", "p-3", "q-1")) {
            assertEquals(204, put(server, "/kv/scratch/list-" + k, k).statusCode());
        }
        JsonNode first = JSON.readTree(server.get("/kv-list/scratch?prefix=list-p&limit=2").body());
        List<String> keys = new ArrayList<>();
        first.get("data").forEach(k -> keys.add(k.asText()));
        assertEquals(List.of("list-p-1", "list-p-2"), keys);
        String cursor = first.get("meta").get("next_cursor").asText();
        JsonNode second = JSON.readTree(server.get("/kv-list/scratch?prefix=list-p&limit=2&cursor="
                + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)).body());
        assertEquals("list-p-3", second.get("data").get(0).asText());
        assertEquals(1, second.get("data").size());
        assertFalse(second.get("meta").has("next_cursor"), "the last page has no cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void aclLookupTakesTheLongestPrefix(String lang) throws Exception {
        TestServer server = server(lang);
        JsonNode block = JSON.readTree(server.get("/acl/blocklist/203.0.113.9").body());
        assertEquals("BLOCK", block.get("action").asText());
        assertEquals("203.0.113.0/24", block.get("prefix").asText());
        assertEquals("ALLOW", JSON.readTree(server.get("/acl/blocklist/203.0.113.7").body()).get("action").asText());
        assertEquals("BLOCK", JSON.readTree(server.get("/acl/blocklist/2001:db8::1").body()).get("action").asText());
        assertEquals(404, server.get("/acl/blocklist/198.51.100.1").statusCode());
        assertEquals(500, server.get("/acl/nosuch/198.51.100.1").statusCode(), "an unknown ACL is reported by the guest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void theRateLimiterBlocksAnEntryThatExceedsItsLimitAndKeepsItBlocked(String lang) throws Exception {
        TestServer server = server(lang);
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

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void penaltyBoxHoldsWhatWasAdded(String lang) throws Exception {
        TestServer server = server(lang);
        assertFalse(JSON.readTree(server.get("/penalty/bad-bot").body()).get("has").asBoolean());
        assertEquals(204, put(server, "/penalty/bad-bot", "").statusCode());
        assertTrue(JSON.readTree(server.get("/penalty/bad-bot").body()).get("has").asBoolean());
        assertFalse(JSON.readTree(server.get("/penalty/good-bot").body()).get("has").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void coreCacheInsertsLooksUpAndCountsHits(String lang) {
        TestServer server = server(lang);
        assertEquals(404, server.get("/core-cache/page").statusCode());
        assertEquals(204, put(server, "/core-cache/page?meta=v1", "<h1>cached page</h1>").statusCode());
        HttpResponse<String> hit = server.get("/core-cache/page");
        assertEquals(200, hit.statusCode());
        assertEquals("<h1>cached page</h1>", hit.body());
        assertEquals("v1", hit.headers().firstValue("x-metadata").orElse(null));
        HttpResponse<String> again = server.get("/core-cache/page");
        assertTrue(Integer.parseInt(again.headers().firstValue("x-cache-hits").orElse("0"))
                > Integer.parseInt(hit.headers().firstValue("x-cache-hits").orElse("0")), "hits go up");
        assertEquals(204, server.get("/purge/sk-page").statusCode());
        assertEquals(404, server.get("/core-cache/page").statusCode(), "purging the entry's surrogate key evicts it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void aCoreCacheTransactionObligesOnlyTheFirstClient(String lang) throws Exception {
        TestServer server = server(lang);
        JsonNode first = JSON.readTree(server.get("/core-tx/tx-key?value=one").body());
        assertTrue(first.get("inserted").asBoolean());
        JsonNode second = JSON.readTree(server.get("/core-tx/tx-key?value=two").body());
        assertFalse(second.get("inserted").asBoolean(), "the stored value is found, nothing to insert");
        assertEquals("one", second.get("value").asText());
    }
}
