package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.ledge.hostcalls.HostcallRegistry;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module loaded from the compile cache parses only the bodies the interpreter runs, defines its
 * compiled classes lazily and computes exactly what a full load computes; entries it cannot use
 * are left to Chicory's own loading, which rebuilds them.
 */
class CacheHitLoaderTest {
    /** Boot entries written in the background must be written before the temporary cache directory goes. */
    @org.junit.jupiter.api.AfterEach
    void boot_entries_written() {
        CompiledModule.awaitBootEntryWrites(60_000);
    }

    /** Additions of 1000 in the giant function: too many for one JVM method, so Chicory interprets it. */
    private static final int ADDS = 25_000;
    /** Imported functions in {@link #GIANT} (indexes of its own functions start here). */
    private static final int IMPORTS = 4;
    /** giant(1): (1 + 1000 ADDS) through $times7 directly and again through the table. */
    private static final long EXPECTED = (1L + 1000L * ADDS) * 49;
    private static byte[] GIANT;

    @BeforeAll
    static void buildGiant() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < ADDS; i++) {
            body.append("    i32.const 1000\n    i32.add\n");
        }
        GIANT = Wat.compileText("cache_hit_giant", """
                ;; $giant is too large to compile to one JVM method, so Chicory interprets it; it calls the
                ;; compiled $times7 directly and through the table. _start answers 200 only if it computes right.
                (module
                  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
                  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
                  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
                  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
                  (type $unary (func (param i32) (result i32)))
                  (memory (export "memory") 1)
                  (table 1 funcref)
                  (elem (i32.const 0) $times7)
                  (data (i32.const 64) "ok\\n")
                  (func $times7 (type $unary) (i32.mul (local.get 0) (i32.const 7)))
                  (func $giant (export "giant") (param i32) (result i32)
                    local.get 0
                """ + body + """
                    call $times7
                    i32.const 0
                    call_indirect (type $unary))
                  (func $ok (param i32)
                    (if (local.get 0) (then unreachable)))
                  (func (export "_start")
                    (if (i32.ne (call $giant (i32.const 1)) (i32.const %d)) (then unreachable))
                    (call $ok (call $resp_new (i32.const 0)))
                    (call $ok (call $body_new (i32.const 4)))
                    (call $ok (call $body_write (i32.load (i32.const 4)) (i32.const 64) (i32.const 3) (i32.const 0) (i32.const 8)))
                    (call $ok (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
                """.formatted(EXPECTED));
    }

    private static long giant(CompiledModule c) {
        PrelinkedModule m = PrelinkedModule.link(c, HostcallRegistry.standard());
        Instance i = m.instantiate();
        try {
            return i.export("giant").apply(1)[0];
        } finally {
            PrelinkedModule.release(i);
        }
    }

    private static void assertServes(CompiledModule c) {
        try (TestServer s = new TestServer(PrelinkedModule.link(c, HostcallRegistry.standard()))) {
            assertEquals(200, s.get("/").statusCode());
        }
    }

    private static String key(byte[] wasm) {
        return ModuleLoader.parse("m", wasm).digest();
    }

    @Test
    void aCacheHitParsesOnlyTheInterpretedBodiesAndComputesTheSame(@TempDir Path dir) {
        CompileCache cache = new CompileCache(dir);
        CompiledModule compiled = CompiledModule.compile("giant", GIANT, cache);
        assertFalse(compiled.fromCache());
        assertEquals(EXPECTED, giant(compiled));

        CompiledModule loaded = CompiledModule.compile("giant", GIANT, cache);
        assertTrue(loaded.fromCache());
        FunctionBody[] bodies = loaded.module().codeSection().functionBodies();
        FunctionBody[] full = compiled.module().codeSection().functionBodies();
        assertEquals(full.length, bodies.length, "every function keeps a body");
        int giantLocal = 1;
        assertEquals(full[giantLocal].instructions().size(), bodies[giantLocal].instructions().size(), "the interpreted body is whole");
        for (int f = 0; f < bodies.length; f++) {
            if (f != giantLocal) {
                assertEquals(OpCode.UNREACHABLE, bodies[f].instructions().get(0).opcode(), "compiled function " + f + " is not parsed");
            }
        }
        assertEquals(EXPECTED, giant(loaded));
        assertServes(loaded);
        assertEquals(compiled.sha256(), loaded.sha256());
    }

    @Test
    void theInterpretedFunctionsAreReadFromChicorysMainClass(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        CompiledModule.compile("giant", GIANT, cache);
        CachedClasses classes = CachedClasses.read(cache.get(key(GIANT)));
        assertEquals(Set.of(IMPORTS + 1), classes.interpretedFunctions());

        byte[] small = Wat.compile("isolation");
        CompiledModule.compile("small", small, cache);
        assertEquals(Set.of(), CachedClasses.read(cache.get(key(small))).interpretedFunctions(), "nothing is interpreted");
    }

    @Test
    void anEntryWhoseClassesDoNotLoadIsRebuilt(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        byte[] wasm = Wat.compile("isolation");
        String key = key(wasm);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar)) {
            out.putNextEntry(new JarEntry("wasm-module.properties"));
            out.write("mainClass=com.dylibso.chicory.$gen.CompiledMachine\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("com/dylibso/chicory/$gen/CompiledMachine.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61, 1, 2, 3});
        }
        cache.putIfAbsent(key, jar.toByteArray());
        assertNotNull(cache.get(key), "the entry itself is intact");
        CompiledModule c = CompiledModule.compile("m", wasm, cache);
        assertFalse(c.fromCache(), "classes that do not load are never used");
        assertServes(c);
        CompiledModule again = CompiledModule.compile("m", wasm, cache);
        assertTrue(again.fromCache(), "the entry was rebuilt");
        assertServes(again);
    }

    @Test
    void anEntryThatIsNotAJarIsRebuilt(@TempDir Path dir) {
        CompileCache cache = new CompileCache(dir);
        byte[] wasm = GIANT;
        cache.putIfAbsent(key(wasm), "PK not really a jar".getBytes(StandardCharsets.UTF_8));
        CompiledModule c = CompiledModule.compile("giant", wasm, cache);
        assertFalse(c.fromCache());
        assertEquals(EXPECTED, giant(c));
        assertTrue(CompiledModule.compile("giant", wasm, cache).fromCache());
    }

    @Test
    void aCorruptEntryOfAnInterpretingModuleIsRebuilt(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        CompiledModule.compile("giant", GIANT, cache);
        Path entry;
        try (var files = Files.list(dir)) {
            entry = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(entry, bytes);
        CompiledModule c = CompiledModule.compile("giant", GIANT, cache);
        assertFalse(c.fromCache(), "a corrupt entry must not be used");
        assertEquals(EXPECTED, giant(c));
        CompiledModule again = CompiledModule.compile("giant", GIANT, cache);
        assertTrue(again.fromCache());
        assertEquals(EXPECTED, giant(again));
    }

    @Test
    void loadCachedCompilesNothingWhenTheCacheHasNoEntry(@TempDir Path dir) throws Exception {
        CompileCache cache = new CompileCache(dir);
        byte[] wasm = Wat.compile("isolation");
        assertEquals(null, CompiledModule.loadCached("m", wasm, cache));
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "nothing was compiled or written");
        }
        CompiledModule.compile("m", wasm, cache);
        CompiledModule c = CompiledModule.loadCached("m", wasm, cache);
        assertNotNull(c);
        assertTrue(c.fromCache());
        assertServes(c);
    }
}
