package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import dev.ledge.hostcalls.HostcallRegistry;
import dev.ledge.testing.Wat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module with a boot entry starts from that entry alone and computes what a full load computes
 * (data segments, tables, passive segments included); an entry that does not fit the bytes, is
 * corrupt, holds classes that do not load, or gives a digest the bytes do not have is never used
 * for long: the module loads the ordinary way and the entry is replaced.
 */
class BootEntryTest {
    /** Boot entries written in the background must be written before the temporary cache directory goes. */
    @org.junit.jupiter.api.AfterEach
    void boot_entries_written() {
        CompiledModule.awaitBootEntryWrites(60_000);
    }

    private static final byte[] MODULE = Wat.compileText("boot_entry", """
            (module
              (type $unary (func (param i32) (result i32)))
              (memory (export "memory") 1)
              (table 2 funcref)
              (elem (i32.const 0) $times7 $plus1)
              (data (i32.const 64) "boot")
              (data (i32.const 128) "\\2a")
              (data $p "passive")
              (func $times7 (type $unary) (i32.mul (local.get 0) (i32.const 7)))
              (func $plus1 (type $unary) (i32.add (local.get 0) (i32.const 1)))
              (func (export "compute") (param i32) (result i32)
                (i32.add
                  (call_indirect (type $unary) (call_indirect (type $unary) (local.get 0) (i32.const 0)) (i32.const 1))
                  (i32.load8_u (i32.const 128))))
              (func (export "init") (memory.init $p (i32.const 256) (i32.const 0) (i32.const 7)))
              (func (export "_start")))
            """);

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** What the module computes, as {@code compute(5)}, the data at 64 and the passive segment copied to 256. */
    private static void computesRight(CompiledModule c) {
        Instance i = PrelinkedModule.link(c, HostcallRegistry.standard()).instantiate();
        assertEquals(5 * 7 + 1 + 42, i.export("compute").apply(5)[0]);
        assertEquals("boot", new String(i.memory().readBytes(64, 4), StandardCharsets.US_ASCII));
        i.export("init").apply();
        assertEquals("passive", new String(i.memory().readBytes(256, 7), StandardCharsets.US_ASCII));
    }

    private static CompileCache compiled(Path dir) {
        CompileCache cache = new CompileCache(dir);
        CompiledModule.compile("boot_entry", MODULE, cache);
        assertTrue(CompiledModule.prepareBoot("boot_entry", MODULE, cache), "no boot entry for a module the interpreter runs nothing of");
        return cache;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    @Test
    void aStartFromTheBootEntryNeedsNoOtherEntryAndComputesWhatAFullLoadComputes(@TempDir Path dir) throws Exception {
        CompileCache cache = compiled(dir);
        String bootFile = cache.entry(BootEntry.key(MODULE)).getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(bootFile)) {
                    Files.delete(f);
                }
            }
        }
        CompiledModule c = CompiledModule.loadCached("boot_entry", MODULE.clone(), cache);
        assertNotNull(c, "the boot entry alone did not load the module");
        assertTrue(c.fromCache());
        assertEquals(sha(MODULE), c.sha256());
        computesRight(c);
        computesRight(CompiledModule.compile("boot_entry", MODULE, null));
    }

    @Test
    void anEntryIsFoundByTheModulesBytesSoAnyChangeMissesIt(@TempDir Path dir) {
        CompileCache cache = compiled(dir);
        byte[] changed = MODULE.clone();
        int at = new String(changed, StandardCharsets.ISO_8859_1).indexOf("boot");
        changed[at] = 'B';
        assertNull(BootEntry.read(changed, cache));
        assertNull(CompiledModule.loadCached("boot_entry", changed, cache), "another module's code was loaded for changed bytes");
        assertNotNull(BootEntry.read(MODULE, cache));
    }

    @Test
    void anIntactEntryThatIsNotABootEntryIsDeletedAndIgnored(@TempDir Path dir) throws Exception {
        CompileCache cache = compiled(dir);
        BootEntry.delete(MODULE, cache);
        byte[][] payloads = {new byte[0], {0, 0, 0, 1}, {0, 0, 0, 9, 0, 0}, {0, 0, 0, 1, 0, 3, 'a', 'b', 'c', 0, 0, 0, 1, 0, 0x7f, 0, 0, 0}};
        for (byte[] payload : payloads) {
            cache.putIfAbsent(BootEntry.key(MODULE), payload, new byte[32]);
            assertNull(BootEntry.read(MODULE, cache), "a malformed payload was taken for a boot entry");
            assertTrue(Files.notExists(cache.entry(BootEntry.key(MODULE))), "a malformed boot entry was kept");
        }
        CompiledModule c = CompiledModule.loadCached("boot_entry", MODULE.clone(), cache);
        computesRight(c);
    }

    @Test
    void aCorruptEntryIsDeletedAndTheModuleLoadsAndGetsANewOne(@TempDir Path dir) throws Exception {
        CompileCache cache = compiled(dir);
        Path f = cache.entry(BootEntry.key(MODULE));
        byte[] entry = Files.readAllBytes(f);
        entry[entry.length / 2] ^= 0x40;
        Files.write(f, entry);
        CompiledModule c = CompiledModule.loadCached("boot_entry", MODULE.clone(), cache);
        assertNotNull(c);
        assertEquals(sha(MODULE), c.sha256());
        computesRight(c);
        await(() -> BootEntry.read(MODULE, cache) != null, "no intact boot entry was written again");
    }

    @Test
    void anEntryWhoseClassesDoNotLoadIsDeletedAndTheModuleLoadsTheOrdinaryWay(@TempDir Path dir) throws Exception {
        CompileCache cache = compiled(dir);
        BootEntry good = BootEntry.read(MODULE, cache);
        Map<String, ByteBuffer> classes = new LinkedHashMap<>(good.classes());
        classes.put(good.mainClass(), ByteBuffer.wrap("not a class file".getBytes(StandardCharsets.US_ASCII)));
        BootEntry.delete(MODULE, cache);
        new BootEntry(good.moduleSha(), good.codeKey(), good.skeleton(), good.bodyCount(), good.requiresDataCount(),
                good.mainClass(), classes).write(MODULE, cache);
        CompiledModule c = CompiledModule.loadCached("boot_entry", MODULE.clone(), cache);
        assertNotNull(c);
        computesRight(c);
        await(() -> {
            BootEntry again = BootEntry.read(MODULE, cache);
            return again != null && again.classes().get(again.mainClass()).equals(good.classes().get(good.mainClass()));
        }, "the entry with a broken class was not replaced");
    }

    @Test
    void anEntryGivingADigestTheBytesDoNotHaveIsReportedAndDeletedOnceChecked(@TempDir Path dir) throws Exception {
        CompileCache cache = compiled(dir);
        BootEntry good = BootEntry.read(MODULE, cache);
        byte[] wrong = good.moduleSha().clone();
        wrong[0] ^= 1;
        BootEntry.delete(MODULE, cache);
        new BootEntry(wrong, good.codeKey(), good.skeleton(), good.bodyCount(), good.requiresDataCount(), good.mainClass(),
                good.classes()).write(MODULE, cache);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("ledge.cache");
        log.addHandler(h);
        System.setProperty("ledge.digest.checkDelayMs", "0");
        try {
            CompiledModule c = CompiledModule.loadCached("boot_entry", MODULE.clone(), cache);
            assertNotNull(c);
            await(() -> BootEntry.read(MODULE, cache) == null, "the entry with the wrong digest was not deleted");
            await(() -> logged.stream().anyMatch(r -> r.getLevel() == Level.SEVERE && r.getMessage().contains("boot_entry")),
                    "the mismatch was not logged");
            CompiledModule again = CompiledModule.loadCached("boot_entry", MODULE.clone(), cache);
            assertEquals(sha(MODULE), again.sha256(), "the next start did not hash the bytes");
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(MODULE), HexFormat.of().parseHex(again.sha256()));
        } finally {
            System.clearProperty("ledge.digest.checkDelayMs");
            log.removeHandler(h);
        }
    }
}
