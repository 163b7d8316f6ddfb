package dev.ledge.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fastly.toml's [local_server] kv_stores (and object_stores, their older name) as Fastly's local
 * tool reads them: the accepted shapes seed the stores, and every malformed case is refused with
 * a message that names the file, the table and the key.
 */
class KvStoresConfigTest {
    @TempDir
    Path dir;

    private Path toml(String text) throws Exception {
        return Files.writeString(dir.resolve("fastly.toml"), text);
    }

    private ServiceResources configure(Path file, Path data) {
        return ServiceResources.configure(FastlyToml.load(file), new HostContext(null, data));
    }

    private static String value(KvStore s, String key) throws KvStoreException {
        return new String(s.lookup(key).value(), UTF_8);
    }

    private static String metadata(KvStore s, String key) throws KvStoreException {
        return new String(s.lookup(key).metadata(), UTF_8);
    }

    @Test
    void everyAcceptedShapeSeedsItsStore() throws Exception {
        Files.writeString(dir.resolve("blob.bin"), "from a file");
        Files.writeString(dir.resolve("old.bin"), "from an old path");
        Files.writeString(dir.resolve("entries.json"), """
                {"plain": "json value",
                 "rich": {"data": "json data", "metadata": "json meta"},
                 "filed": {"file": "blob.bin"}}
                """);
        Path f = toml("""
                [local_server.kv_stores]
                inline = [
                  { key = "a", data = "alpha", metadata = "meta-a" },
                  { key = "b", file = "blob.bin" },
                  { key = "c", path = "old.bin" },
                ]
                empty = []
                fromjson = { file = "entries.json", format = "json" }

                [[local_server.kv_stores.tables]]
                key = "t"
                data = "array of tables"
                """);
        try (ServiceResources r = configure(f, dir.resolve("data"))) {
            KvStores stores = r.get(KvStores.class);
            assertEquals(List.of("inline", "empty", "fromjson", "tables"), List.copyOf(stores.names()));
            KvStore inline = stores.get("inline");
            assertEquals("alpha", value(inline, "a"));
            assertEquals("meta-a", metadata(inline, "a"));
            assertEquals("from a file", value(inline, "b"));
            assertEquals("", metadata(inline, "b"));
            assertEquals("from an old path", value(inline, "c"));
            assertEquals(List.of(), stores.get("empty").list(null, null, 10).keys());
            KvStore json = stores.get("fromjson");
            assertEquals("json value", value(json, "plain"));
            assertEquals("json data", value(json, "rich"));
            assertEquals("json meta", metadata(json, "rich"));
            assertEquals("from a file", value(json, "filed"));
            assertEquals("array of tables", value(stores.get("tables"), "t"));
            assertNull(stores.get("unknown"));
        }
    }

    @Test
    void theOlderTableNamesNameTheSameStores() throws Exception {
        for (String table : List.of("object_stores", "object_store")) {
            Path f = toml("[local_server." + table + "]\nold = [{ key = \"k\", data = \"v\" }]\n");
            try (ServiceResources r = configure(f, dir.resolve("data-" + table))) {
                assertEquals("v", value(r.get(KvStores.class).get("old"), "k"));
            }
        }
    }

    @Test
    void withoutConfigurationThereAreNoStoresAndNoFiles() throws Exception {
        try (ServiceResources r = configure(toml("name = \"x\"\n"), dir.resolve("data"))) {
            assertTrue(r.get(KvStores.class).names().isEmpty());
        }
        assertTrue(Files.notExists(dir.resolve("data")));
    }

    @Test
    void fastlyTomlWinsForItsKeysAndEveryOtherKeyKeepsItsStoredValue() throws Exception {
        Path f = toml("[local_server.kv_stores]\ns = [{ key = \"seeded\", data = \"from toml\" }]\n");
        Path data = dir.resolve("data");
        long seededGeneration;
        try (ServiceResources r = configure(f, data)) {
            KvStore s = r.get(KvStores.class).get("s");
            seededGeneration = s.lookup("seeded").generation();
            s.insert("seeded", "changed by a guest".getBytes(UTF_8), InsertOptions.overwrite());
            s.insert("guest", "written by a guest".getBytes(UTF_8), InsertOptions.overwrite());
        }
        assertTrue(Files.isDirectory(data.resolve("kv").resolve("s").resolve("entries")));
        try (ServiceResources r = configure(f, data)) {
            KvStore s = r.get(KvStores.class).get("s");
            assertEquals("from toml", value(s, "seeded"));
            assertTrue(Long.compareUnsigned(s.lookup("seeded").generation(), seededGeneration) > 0);
            assertEquals("written by a guest", value(s, "guest"));
        }
        // An unchanged seed is not rewritten: its generation stays.
        long g;
        try (ServiceResources r = configure(f, data)) {
            g = r.get(KvStores.class).get("s").lookup("seeded").generation();
        }
        try (ServiceResources r = configure(f, data)) {
            assertEquals(g, r.get(KvStores.class).get("s").lookup("seeded").generation());
        }
    }

    @Test
    void aStoreInUseByAnotherRunningServiceIsRefused() throws Exception {
        Path f = toml("[local_server.kv_stores]\nshared = []\n");
        Path data = dir.resolve("data");
        try (ServiceResources first = configure(f, data)) {
            ConfigException e = assertThrows(ConfigException.class, () -> configure(f, data));
            assertTrue(e.getMessage().startsWith(f + ": [local_server.kv_stores] key 'shared': cannot open its data"), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void storeDirectoriesAreNamedAfterTheirStores() {
        assertEquals("my-store_1.x", KvStores.directoryName("my-store_1.x"));
        assertEquals("%2Ehidden", KvStores.directoryName(".hidden"));
        assertEquals("a%2Fb%20c%C3%A9", KvStores.directoryName("a/b c\u00e9"));
        assertTrue(KvStores.directoryName("\u00e9".repeat(255)).length() < 130);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // toml text, files to create, table named, key named (or null), what the message says
                Arguments.of("[local_server.kv_stores]\na = []\n[local_server.object_stores]\nb = []\n",
                        "local_server", "object_stores", "cannot be given together with 'kv_stores'"),
                Arguments.of("[local_server]\nobject_store = 5\n", "local_server", "object_store", "must be a table"),
                Arguments.of("[local_server]\nkv_stores = 5\n", "local_server", "kv_stores", "must be a table"),
                Arguments.of("[local_server.kv_stores]\n\"\" = []\n", "local_server.kv_stores", "", "cannot be empty"),
                Arguments.of("[local_server.kv_stores]\n\"a\\u0001\" = []\n", "local_server.kv_stores", "a\u0001", "control characters"),
                Arguments.of("[local_server.kv_stores]\ns = \"x\"\n", "local_server.kv_stores", "s", "must be an array of entries"),
                Arguments.of("[local_server.kv_stores]\ns = { a = 1 }\n", "local_server.kv_stores", "s", "must be an array of entries"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"e.json\" }\n", "local_server.kv_stores", "s", "needs both 'file' and 'format' (only 'file'"),
                Arguments.of("[local_server.kv_stores]\ns = { format = \"json\" }\n", "local_server.kv_stores", "s", "needs both 'file' and 'format' (only 'format'"),
                Arguments.of("[local_server.kv_stores]\ns = { file = 1, format = \"json\" }\n", "local_server.kv_stores", "s", "'file' must be a string"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"e.json\", format = 1 }\n", "local_server.kv_stores", "s", "'format' must be a string"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"e.json\", format = \"inline-toml\" }\n", "local_server.kv_stores", "s", "format \"inline-toml\" is not supported"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"missing.json\", format = \"json\" }\n", "local_server.kv_stores", "s", "missing.json: no such file"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"bad.json\", format = \"json\" }\n", "local_server.kv_stores", "s", "bad.json is not valid JSON"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"array.json\", format = \"json\" }\n", "local_server.kv_stores", "s", "must hold one JSON object"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"number.json\", format = \"json\" }\n", "local_server.kv_stores.s", "k", "must be a string or an object"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"nodata.json\", format = \"json\" }\n", "local_server.kv_stores.s", "k", "needs 'data' or 'file' in"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"meta.json\", format = \"json\" }\n", "local_server.kv_stores.s", "k", "'metadata' in"),
                Arguments.of("[local_server.kv_stores]\ns = { file = \"badkey.json\", format = \"json\" }\n", "local_server.kv_stores.s", "a#b", "is not a valid key in"),
                Arguments.of("[local_server.kv_stores]\ns = [\"x\"]\n", "local_server.kv_stores.s", null, "entry 1 must be a table"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"ok\", data = \"x\" }, { data = \"x\" }]\n", "local_server.kv_stores.s", null, "entry 2 has no 'key'"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = 1, data = \"x\" }]\n", "local_server.kv_stores.s", null, "entry 1: 'key' must be a string"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"k\" }]\n", "local_server.kv_stores.s", "k", "needs 'data' or 'file'"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"k\", data = \"x\", file = \"f\" }]\n", "local_server.kv_stores.s", "k", "has both 'data' and 'file'"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"k\", data = 1 }]\n", "local_server.kv_stores.s", "k", "'data' must be a string"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"k\", file = 1 }]\n", "local_server.kv_stores.s", "k", "'file' must be a string"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"k\", file = \"missing.bin\" }]\n", "local_server.kv_stores.s", "k", "missing.bin: no such file"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"k\", data = \"x\", metadata = 1 }]\n", "local_server.kv_stores.s", "k", "'metadata' must be a string"),
                Arguments.of("[local_server.kv_stores]\ns = [{ key = \"..\", data = \"x\" }]\n", "local_server.kv_stores.s", "..", "is not a valid key"),
                Arguments.of("[local_server.object_stores]\ns = [{ key = \".well-known/acme-challenge/t\", data = \"x\" }]\n", "local_server.object_stores.s", ".well-known/acme-challenge/t", "is not a valid key"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("malformed")
    void aMalformedEntryNamesTheFileTableAndKey(String text, String table, String key, String says) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"k\": ");
        Files.writeString(dir.resolve("array.json"), "[\"k\"]");
        Files.writeString(dir.resolve("number.json"), "{\"k\": 5}");
        Files.writeString(dir.resolve("nodata.json"), "{\"k\": {\"metadata\": \"m\"}}");
        Files.writeString(dir.resolve("meta.json"), "{\"k\": {\"data\": \"d\", \"metadata\": 7}}");
        Files.writeString(dir.resolve("badkey.json"), "{\"a#b\": \"x\"}");
        Path f = toml(text);
        ConfigException e = assertThrows(ConfigException.class, () -> configure(f, dir.resolve("data")).close());
        String head = f + ": [" + table + "]" + (key == null ? "" : " key '" + key + "'");
        assertTrue(e.getMessage().startsWith(head), "expected a message starting with <" + head + "> but got <" + e.getMessage() + ">");
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
