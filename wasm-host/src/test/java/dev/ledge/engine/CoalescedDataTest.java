package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import dev.ledge.testing.Wat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Merging a module's active data segments leaves an instance exactly as the original module
 * leaves it: the same initial memory, and the same segments at the same indexes for
 * {@code memory.init} and {@code data.drop}. Modules it cannot merge exactly are left as they are.
 */
class CoalescedDataTest {
    private static final int PAGES = 3;

    /** A module of random active segments (overlapping, zeros inside) with passive ones among them. */
    private static String module(long seed, int actives) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder data = new StringBuilder();
        int index = 0;
        int firstActive = -1;
        int passive = -1;
        for (int i = 0; i < actives; i++) {
            if (r.nextInt(6) == 0) {
                data.append("  (data \"").append(bytes(r, 1 + r.nextInt(40))).append("\")\n");
                passive = passive < 0 ? index : passive;
                index++;
            }
            int len = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 40 : 9000);
            int offset = r.nextInt(PAGES * 65536 - len + 1);
            data.append("  (data (i32.const ").append(offset).append(") \"").append(bytes(r, len)).append("\")\n");
            firstActive = firstActive < 0 ? index : firstActive;
            index++;
        }
        if (passive < 0) {
            data.append("  (data \"passive\")\n");
            passive = index;
        }
        return """
                (module
                  (import "fastly_abi" "init" (func $init (param i64) (result i32)))
                  (memory (export "memory") %d)
                %s
                  (func (export "init_passive") (param i32) (memory.init %d (local.get 0) (i32.const 0) (i32.const 1)))
                  (func (export "init_active") (param i32) (memory.init %d (i32.const 0) (i32.const 0) (local.get 0)))
                  (func (export "drop_passive") (data.drop %d))
                  (func (export "_start")))
                """.formatted(PAGES, data, passive, firstActive, passive);
    }

    private static String bytes(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = r.nextInt(3) == 0 ? 0 : r.nextInt(256);
            sb.append('\\').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    private static Instance instance(String name, byte[] wasm) {
        return PrelinkedModule.load(name, wasm, null).instantiate();
    }

    private static byte[] memory(Instance i) {
        return i.memory().readBytes(0, PAGES * 65536);
    }

    private static String outcome(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (ChicoryException e) {
            return "trap: " + e.getMessage();
        }
    }

    private static int activeSegments(byte[] wasm) {
        int n = 0;
        for (DataSegment s : ModuleLoader.parse("m", wasm, false).dataSection().dataSegments()) {
            n += s instanceof ActiveDataSegment ? 1 : 0;
        }
        return n;
    }

    @Test
    void mergedSegmentsLeaveTheSameMemoryAndTheSameSegmentsBehind() {
        for (long seed = 1; seed <= 12; seed++) {
            byte[] original = Wat.compileText("coalesce_" + seed, module(seed, 20 + (int) seed * 15));
            byte[] merged = CoalescedData.of(original);
            assertNotSame(original, merged, "seed " + seed + " was not merged");
            assertTrue(activeSegments(merged) < activeSegments(original) / 2, "seed " + seed + ": hardly fewer active segments");
            Instance a = instance("original", original);
            Instance b = instance("merged", merged);
            assertArrayEquals(memory(a), memory(b), "seed " + seed + ": initial memory differs");
            // Chicory keeps an active segment's bytes after instantiation: memory.init of it does the same in both.
            assertEquals(outcome(() -> a.export("init_active").apply(1)), outcome(() -> b.export("init_active").apply(1)));
            for (Instance i : new Instance[] {a, b}) {
                i.export("init_active").apply(0);
                i.export("init_passive").apply(70_000);
                i.export("drop_passive").apply();
                assertThrows(ChicoryException.class, () -> i.export("init_passive").apply(70_001), "data.drop did not drop");
            }
            assertArrayEquals(memory(a), memory(b), "seed " + seed + ": memory differs after memory.init");
            Instance fresh = instance("merged", merged);
            fresh.export("init_passive").apply(70_000);
            assertEquals(memory(a)[70_000], memory(fresh)[70_000], "a data.drop in one instance reached another");
        }
    }

    @Test
    void modulesItCannotMergeExactlyAreLeftAsTheyAre() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append("(data (i32.const ").append(i * 100).append(") \"x\")\n");
        }
        String[] modules = {
            // an imported memory: its initial contents are not known here
            "(module (import \"env\" \"memory\" (memory 1))\n" + many + "(func (export \"_start\")))",
            // an offset read from a global
            "(module (import \"env\" \"g\" (global $g i32)) (memory 1)\n" + many + "(data (global.get $g) \"y\") (func (export \"_start\")))",
            // a segment past the initial memory: instantiation must still fail as Wasm says
            "(module (memory 1)\n" + many + "(data (i32.const 65535) \"yz\") (func (export \"_start\")))",
            // too few segments to be worth it
            "(module (memory 1) (data (i32.const 0) \"a\") (data (i32.const 9) \"b\") (func (export \"_start\")))",
        };
        for (int i = 0; i < modules.length; i++) {
            byte[] wasm = Wat.compileText("not_merged_" + i, modules[i]);
            assertSame(wasm, CoalescedData.of(wasm), modules[i]);
        }
        byte[] garbage = {0, 'a', 's', 'm', 1, 0, 0, 0, 11, (byte) 0xff};
        assertSame(garbage, CoalescedData.of(garbage));
    }
}
