package dev.ledge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.ServiceResources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional [local_server.cache] table: its bound, its default, and errors naming file, table and key. */
class CacheConfigTest {
    static CoreCache configure(Path file) {
        ServiceResources.Builder b = new ServiceResources.Builder();
        FastlyToml toml = FastlyToml.load(file);
        dev.ledge.purge.Purges.configure(toml, null, b);
        CacheConfig.configure(toml, null, b);
        return b.build().get(CoreCache.class);
    }

    @Test
    void withoutATableTheCacheHoldsTheDefault(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fastly.toml"), "name = \"x\"\n");
        assertEquals(CoreCache.DEFAULT_MAX_BYTES, configure(f).maxBytes());
    }

    @Test
    void maxBytesSetsTheBound(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fastly.toml"), "[local_server.cache]\nmax_bytes = 1048576\n");
        assertEquals(1 << 20, configure(f).maxBytes());
    }

    @Test
    void badValuesNameTheFileTableAndKey(@TempDir Path dir) throws Exception {
        for (String bad : new String[] {"max_bytes = 0", "max_bytes = -5", "max_bytes = \"lots\"", "max_bytes = 1.5", "readthrough = \"no\""}) {
            Path f = Files.writeString(dir.resolve("fastly.toml"), "[local_server.cache]\n" + bad + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> configure(f), bad);
            String key = bad.substring(0, bad.indexOf(' '));
            assertTrue(e.getMessage().startsWith(f + ": [local_server.cache] key '" + key + "': must be "),
                    e.getMessage());
        }
    }

    @Test
    void anUnknownKeyIsNamed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fastly.toml"), "[local_server.cache]\nmax_byte = 10\n");
        ConfigException e = assertThrows(ConfigException.class, () -> configure(f));
        assertTrue(e.getMessage().startsWith(f + ": [local_server.cache] key 'max_byte': unknown key"), e.getMessage());
    }

    @Test
    void aCacheThatIsNotATableIsNamed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fastly.toml"), "[local_server]\ncache = 5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> configure(f));
        assertTrue(e.getMessage().startsWith(f + ": [local_server] key 'cache': must be a table"), e.getMessage());
    }
}
