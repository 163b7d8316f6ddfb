package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import dev.ledge.testing.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large functions are split before compiling, the rewrite is cached, and a bad cached rewrite is redone. */
class OutliningTest {
    /** A module with one function of about 9 KB made of 60 ifs. */
    private static final byte[] MODULE = Wat.compileText("outlining_big", bigModule());

    @BeforeEach
    void smallLimit() {
        System.setProperty("ledge.outline.limit", "1500");
    }

    @AfterEach
    void reset() {
        System.clearProperty("ledge.outline.limit");
        System.clearProperty("ledge.outline");
    }

    static String bigModule() {
        StringBuilder s = new StringBuilder("(module (memory 1) (export \"memory\" (memory 0))\n");
        s.append(" (func (export \"_start\"))\n (func (export \"work\") (param i32) (result i32) (local i32)\n");
        for (int i = 0; i < 60; i++) {
            s.append("  (if (i32.eq (i32.rem_u (local.get 0) (i32.const 7)) (i32.const ").append(i % 7).append("))\n   (then\n");
            for (int k = 0; k < 8; k++) {
                s.append("    (local.set 1 (i32.add (i32.mul (local.get 1) (i32.const 31)) (i32.const ").append(i * 8 + k).append(")))\n");
            }
            s.append("   ))\n");
        }
        s.append("  (local.get 1)))\n");
        return s.toString();
    }

    private static int functions(CompiledModule c) {
        return c.module().codeSection().functionBodyCount();
    }

    private static Path rewriteEntry(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("outlined-")).findFirst().orElseThrow();
        }
    }

    @Test
    void aLargeFunctionIsSplitAndTheRewriteComesFromTheCacheNextTime(@TempDir Path dir) throws Exception {
        int original = Parser.parse(MODULE).codeSection().functionBodyCount();
        CompileCache cache = new CompileCache(dir);
        CompiledModule first = CompiledModule.compile("m", MODULE, cache);
        assertTrue(functions(first) > original, "not split: " + functions(first));
        assertNotNull(CompileCache.verify(Files.readAllBytes(rewriteEntry(dir))));
        CompiledModule second = CompiledModule.compile("m", MODULE, cache);
        assertTrue(second.fromCache());
        assertEquals(functions(first), functions(second));
        assertEquals(first.sha256(), second.sha256(), "the module keeps the digest of the bytes it came as");
    }

    @Test
    void aCachedRewriteComesWithTheDigestOfItsBytesWithoutHashingThemAgain(@TempDir Path dir) {
        CompileCache cache = new CompileCache(dir);
        byte[] sha = CompiledModule.sha256Bytes(MODULE);
        Outlining.Prepared made = Outlining.prepare("m", MODULE, sha, cache);
        made.remember(cache);
        Outlining.Prepared stored = Outlining.prepare("m", MODULE, sha, cache);
        assertTrue(stored.module() == null && stored.storeKey() == null, "the rewrite was not taken from the cache");
        assertArrayEquals(made.code(), stored.code());
        assertArrayEquals(CompiledModule.sha256Bytes(stored.code()), stored.codeSha(), "the digest from the entry's header is its bytes' SHA-256");
        assertArrayEquals(made.codeSha(), stored.codeSha());
    }

    @Test
    void aCorruptCachedRewriteIsDetectedAndRedone(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        CompiledModule first = CompiledModule.compile("m", MODULE, cache);
        Path entry = rewriteEntry(dir);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 20] ^= 0x33;
        Files.write(entry, bytes);
        CompiledModule again = CompiledModule.compile("m", MODULE, cache);
        assertEquals(functions(first), functions(again));
        assertNotNull(CompileCache.verify(Files.readAllBytes(rewriteEntry(dir))), "the rewrite was stored again intact");
    }

    @Test
    void splittingCanBeTurnedOff(@TempDir Path dir) {
        System.setProperty("ledge.outline", "false");
        int original = Parser.parse(MODULE).codeSection().functionBodyCount();
        assertEquals(original, functions(CompiledModule.compile("m", MODULE, new CompileCache(dir))));
    }
}
