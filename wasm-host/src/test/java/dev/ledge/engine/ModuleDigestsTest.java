package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module is hashed once per byte array, a module file named on the command line is read ahead, and a boot entry's digest is checked. */
class ModuleDigestsTest {
    /** Boot entries written in the background must be written before the temporary cache directory goes. */
    @org.junit.jupiter.api.AfterEach
    void boot_entries_written() {
        CompiledModule.awaitBootEntryWrites(60_000);
    }

    private static final byte[] MODULE = Wat.compile("isolation");

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void theDigestIsTheSha256OfTheBytesAndCallersCannotChangeTheRememberedOne() throws Exception {
        byte[] copy = MODULE.clone();
        byte[] first = ModuleDigests.sha256(copy);
        assertArrayEquals(sha(MODULE), first);
        first[0] ^= 1;
        assertArrayEquals(sha(MODULE), ModuleDigests.sha256(copy), "the remembered digest was changed through a returned copy");
    }

    @Test
    void aFileReadAheadIsWhatTheNextReadGivesWithItsDigestAndOnlyOnce(@TempDir Path dir) throws Exception {
        Path wasm = dir.resolve("m.wasm");
        Files.write(wasm, MODULE);
        ModuleDigests.readAhead(new String[] {"serve", "--addr", "127.0.0.1:0", wasm.toString()});
        byte[] read = ModuleLoader.read(dir.resolve(".").resolve("m.wasm"));
        assertArrayEquals(MODULE, read);
        assertArrayEquals(sha(MODULE), ModuleDigests.sha256(read));
        assertNull(ModuleDigests.takeReadAhead(wasm), "the read-ahead bytes are handed out once");
        Files.write(wasm, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        assertEquals(8, ModuleLoader.read(wasm).length, "a later read reads the file afresh");
    }

    @Test
    void argumentsThatAreNotWasmFilesAreLeftAloneAndAMissingFileIsStillReportedByTheRead(@TempDir Path dir) throws Exception {
        Path toml = dir.resolve("fastly.toml");
        Files.writeString(toml, "name = \"x\"\n");
        Path missing = dir.resolve("missing.wasm");
        ModuleDigests.readAhead(new String[] {"serve", "-C", toml.toString(), missing.toString(), "--addr", "x.wasm"});
        assertNull(ModuleDigests.takeReadAhead(toml));
        assertNull(ModuleDigests.takeReadAhead(missing));
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> ModuleLoader.read(missing));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void aServedModuleKeepsTheDigestOfTheFileItCameFrom(@TempDir Path dir) throws Exception {
        Path wasm = dir.resolve("served.wasm");
        Files.write(wasm, MODULE);
        CompileCache cache = new CompileCache(dir.resolve("cache"));
        CompiledModule.compile("m", ModuleLoader.read(wasm), cache);
        ModuleDigests.readAhead(new String[] {"serve", wasm.toString()});
        byte[] bytes = ModuleLoader.read(wasm);
        CompiledModule again = CompiledModule.loadCached("m", bytes, cache);
        assertTrue(again != null && again.fromCache(), "the read-ahead digest did not find the cache entry");
        assertEquals(java.util.HexFormat.of().formatHex(sha(MODULE)), again.sha256());
        assertNotSame(MODULE, bytes);
    }
}
