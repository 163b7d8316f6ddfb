package dev.ledge.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [local_server.geolocation] as Fastly's local tool reads it plus Ledge's databases, and every way it can be wrong. */
class GeolocationConfigTest {
    @TempDir
    Path dir;

    private FastlyToml toml(String table) throws Exception {
        return FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"),
                "name = \"t\"\n[local_server]\n[local_server.geolocation]\n" + table));
    }

    private void assertError(String table, String key, String problem) throws Exception {
        FastlyToml t = toml(table);
        ConfigException e = assertThrows(ConfigException.class, () -> GeolocationConfig.read(t));
        String m = e.getMessage();
        assertTrue(m.startsWith(dir.resolve("fastly.toml") + ": [local_server.geolocation] key '" + key + "'"), m);
        assertTrue(m.contains(problem), m);
    }

    private static String json(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void badLoopbackAndFormatKeysAreNamed() throws Exception {
        assertError("use_default_loopback = \"yes\"\n", "use_default_loopback", "must be true or false");
        assertError("format = 1\n", "format", "must be a string");
        assertError("format = \"\"\n", "format", "is empty");
        assertError("format = \"yaml\"\n", "format", "'yaml' is not \"inline-toml\" or \"json\"");
    }

    @Test
    void badInlineAddressesAreNamed() throws Exception {
        assertError("format = \"inline-toml\"\n", "addresses", "is missing");
        assertError("format = \"inline-toml\"\naddresses = 3\n", "addresses", "must be a table");
        assertError("format = \"inline-toml\"\n[local_server.geolocation.addresses]\n\"not-an-ip\" = { city = \"x\" }\n",
                "addresses.\"not-an-ip\"", "is not an IP address");
        assertError("format = \"inline-toml\"\n[local_server.geolocation.addresses]\n\"1.2.3\" = { city = \"x\" }\n",
                "addresses.\"1.2.3\"", "is not an IP address");
        assertError("format = \"inline-toml\"\n[local_server.geolocation.addresses]\n\"1.2.3.4\" = \"x\"\n",
                "addresses.\"1.2.3.4\"", "must be a table of fields");
        assertError("format = \"inline-toml\"\n[local_server.geolocation.addresses]\n\"1.2.3.4\" = { city = [\"x\"] }\n",
                "addresses.\"1.2.3.4\".city", "must be a string, number or boolean");
    }

    @Test
    void badJsonFilesAreNamed() throws Exception {
        assertError("format = \"json\"\n", "file", "needs a 'file' string");
        assertError("format = \"json\"\nfile = \"\"\n", "file", "the file name is empty");
        assertError("format = \"json\"\nfile = \"none.json\"\n", "file", dir.resolve("none.json") + ": no such file");
        Files.writeString(dir.resolve("broken.json"), "{");
        assertError("format = \"json\"\nfile = \"broken.json\"\n", "file", "not valid JSON");
        Files.writeString(dir.resolve("list.json"), "[1]");
        assertError("format = \"json\"\nfile = \"list.json\"\n", "file", "expected one JSON object");
        Files.writeString(dir.resolve("badip.json"), "{\"localhost\": {}}");
        assertError("format = \"json\"\nfile = \"badip.json\"\n", "file", "'localhost' is not an IP address");
        Files.writeString(dir.resolve("str.json"), "{\"1.2.3.4\": \"x\"}");
        assertError("format = \"json\"\nfile = \"str.json\"\n", "file", "the value for address \"1.2.3.4\" is not an object");
    }

    @Test
    void badDatabasesAreNamed() throws Exception {
        assertError("databases = \"city.mmdb\"\n", "databases", "must be a list");
        assertError("databases = [1]\n", "databases[0]", "must be a file name");
        assertError("databases = [\"missing.mmdb\"]\n", "databases[0]", dir.resolve("missing.mmdb") + ": no such file");
        Files.writeString(dir.resolve("junk.mmdb"), "not a database");
        Files.copy(TestDatabases.dir().resolve("asn.mmdb"), dir.resolve("asn.mmdb"));
        assertError("databases = [\"asn.mmdb\", \"junk.mmdb\"]\n", "databases[1]", dir.resolve("junk.mmdb") + ": not a MaxMind DB file");
    }

    @Test
    void withoutTheTableLoopbackGetsTheDefaultRecordAndPublicAddressesTheBundledCountry() throws Exception {
        Geolocation g = GeolocationConfig.read(FastlyToml.empty());
        assertEquals(json(Geolocation.DEFAULT_LOOPBACK), json(g.lookup(InetAddress.getByName("127.0.0.1"))));
        assertTrue(json(g.lookup(InetAddress.getByName("8.8.8.8"))).contains("\"country_code\":\"US\""));
    }

    @Test
    void withATableWithoutDatabasesOnlyLoopbackIsKnown() throws Exception {
        Geolocation g = GeolocationConfig.read(toml("use_default_loopback = true\n"));
        assertEquals(json(Geolocation.DEFAULT_LOOPBACK), json(g.lookup(InetAddress.getByName("127.0.0.1"))));
        assertNull(g.lookup(InetAddress.getByName("1.1.1.1")));
    }

    @Test
    void aReplacedDatabaseIsReloadedAndABrokenOneKeepsThePreviousVersion() throws Exception {
        Path live = dir.resolve("geo.mmdb");
        Files.copy(TestDatabases.dir().resolve("city.mmdb"), live);
        Geolocation g = GeolocationConfig.read(toml("databases = [\"geo.mmdb\"]\n"));
        InetAddress ba = InetAddress.getByName("181.0.1.2");
        assertTrue(json(g.lookup(ba)).contains("\"city\":\"Buenos Aires\""));

        // a half-written file: lookups keep answering from the previous version
        replace(live, "not a database yet".getBytes(StandardCharsets.UTF_8));
        long until = System.nanoTime() + 2_500_000_000L;
        while (System.nanoTime() < until) {
            assertTrue(json(g.lookup(ba)).contains("\"city\":\"Buenos Aires\""));
            Thread.sleep(100);
        }

        replace(live, Files.readAllBytes(TestDatabases.dir().resolve("city-v2.mmdb")));
        String now = json(g.lookup(ba));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!now.contains("Ciudad de Buenos Aires") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = json(g.lookup(ba));
        }
        assertTrue(now.contains("\"city\":\"Ciudad de Buenos Aires\""), now);
    }

    @Test
    void anEditedAddressesFileIsReadAgainAndABrokenEditKeepsThePreviousVersion() throws Exception {
        Path file = dir.resolve("geo.json");
        Files.writeString(file, "{\"192.0.2.1\": {\"city\": \"First\"}}");
        Geolocation g = GeolocationConfig.read(toml("format = \"json\"\nfile = \"geo.json\"\n"));
        InetAddress a = InetAddress.getByName("192.0.2.1");
        assertEquals("{\"city\":\"First\"}", json(g.lookup(a)));

        replace(file, "{\"192.0.2.1\": ".getBytes(StandardCharsets.UTF_8));
        long until = System.nanoTime() + 2_500_000_000L;
        while (System.nanoTime() < until) {
            assertEquals("{\"city\":\"First\"}", json(g.lookup(a)));
            Thread.sleep(100);
        }

        replace(file, "{\"192.0.2.1\": {\"city\": \"Second\"}, \"192.0.2.2\": {}}".getBytes(StandardCharsets.UTF_8));
        String now = json(g.lookup(a));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!now.contains("Second") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = json(g.lookup(a));
        }
        assertEquals("{\"city\":\"Second\"}", now);
        assertEquals("{}", json(g.lookup(InetAddress.getByName("192.0.2.2"))));
    }

    /** Replaces {@code file} the way database updaters do: a new file moved over the old one. */
    private static void replace(Path file, byte[] bytes) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
