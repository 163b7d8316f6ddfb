package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.hostcalls.HostcallRegistry;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled code survives restarts through the compile cache, and a bad entry is rebuilt, never trusted. */
class CompileCacheTest {
    private static final byte[] MODULE = Wat.compile("isolation");

    private static void assertServes(CompiledModule c) {
        try (TestServer s = new TestServer(PrelinkedModule.link(c, HostcallRegistry.standard()))) {
            assertEquals(200, s.get("/").statusCode());
        }
    }

    private static Path onlyEntry(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            Path[] all = files.toArray(Path[]::new);
            assertEquals(1, all.length, Arrays.toString(all));
            return all[0];
        }
    }

    @Test
    void aSecondLoadTakesTheCompiledCodeFromTheCache(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        CompiledModule first = CompiledModule.compile("m", MODULE, cache);
        assertFalse(first.fromCache());
        assertTrue(onlyEntry(dir).getFileName().toString().endsWith("." + CompileCache.FORMAT + ".bin"));
        CompiledModule second = CompiledModule.compile("m", MODULE, cache);
        assertTrue(second.fromCache());
        assertServes(second);
    }

    @Test
    void aCorruptEntryIsDetectedAndRebuilt(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        CompiledModule.compile("m", MODULE, cache);
        Path entry = onlyEntry(dir);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 10] ^= 0x5a;
        Files.write(entry, bytes);
        CompiledModule again = CompiledModule.compile("m", MODULE, cache);
        assertFalse(again.fromCache(), "a corrupt entry must not be used");
        assertNotNull(CompileCache.verify(Files.readAllBytes(onlyEntry(dir))), "the entry was rewritten intact");
        assertServes(again);
    }

    @Test
    void aDamagedDigestOrLengthInTheHeaderIsDetectedAndRebuilt(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        CompiledModule.compile("m", MODULE, cache);
        Path entry = onlyEntry(dir);
        byte[] good = Files.readAllBytes(entry);
        for (int at : new int[] {8 + 5, 8 + 32 + 7, 8 + 32 + 8 + 1, 8 + 32 + 8 + 4 + 2}) { // digest, length, CRC-32C, CRC-32
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            assertEquals(null, CompileCache.verify(bad), "damage at byte " + at + " not detected");
        }
        byte[] bad = good.clone();
        bad[8 + 5] ^= 0x10;
        Files.write(entry, bad);
        CompiledModule again = CompiledModule.compile("m", MODULE, cache);
        assertFalse(again.fromCache(), "an entry with a damaged digest must not be used");
        // Not byte for byte: the compiled jar's entry times may differ between the two compiles.
        assertNotNull(CompileCache.verify(Files.readAllBytes(onlyEntry(dir))), "the entry was rewritten intact");
        assertTrue(CompiledModule.compile("m", MODULE, cache).fromCache(), "and is used again");
        assertServes(again);
    }

    @Test
    void aTruncatedEntryIsDetectedAndRebuilt(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        CompiledModule.compile("m", MODULE, cache);
        Path entry = onlyEntry(dir);
        Files.write(entry, Arrays.copyOf(Files.readAllBytes(entry), 20));
        CompiledModule again = CompiledModule.compile("m", MODULE, cache);
        assertFalse(again.fromCache());
        assertServes(again);
        assertTrue(CompiledModule.compile("m", MODULE, cache).fromCache());
    }

    @Test
    void anIntactEntryThatChicoryCannotLoadIsReplaced(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        String key = ModuleLoader.parse("m", MODULE).digest();
        cache.putIfAbsent(key, "not compiled code at all".getBytes());
        CompiledModule c = CompiledModule.compile("m", MODULE, cache);
        assertFalse(c.fromCache());
        assertServes(c);
        assertTrue(CompiledModule.compile("m", MODULE, cache).fromCache(), "the stale entry was replaced by a good one");
    }
}
