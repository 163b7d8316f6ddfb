package dev.ledge.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;

/**
 * A module's initial linear memory, built once: its initial pages with the active data segments
 * written in. Pages no segment touches are the one shared zero page. Instances start from these
 * pages read-only and copy a page the first time they write to it ({@link CowMemory}), so
 * creating an instance costs the same whatever the memory's size or the number of segments.
 *
 * <p>Built only when every active segment's offset is a constant and fits the initial memory;
 * otherwise {@link #of} gives null and instances write their segments themselves, exactly as
 * Wasm specifies (including failing instantiation when a segment does not fit).
 */
public final class MemoryImage {
    static final int PAGE_SIZE = 65536;
    /** The page every untouched page refers to; never written. */
    static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

    private final byte[][] pages;
    private final int segmentCount;
    private final long bytesWithData;

    private MemoryImage(byte[][] pages, int segmentCount, long bytesWithData) {
        this.pages = pages;
        this.segmentCount = segmentCount;
        this.bytesWithData = bytesWithData;
    }

    /** The image of {@code module}'s memory 0, or null when it cannot be precomputed. */
    public static MemoryImage of(WasmModule module) {
        var section = module.memorySection();
        if (section.isEmpty() || section.get().memoryCount() != 1) {
            return null;
        }
        var limits = section.get().getMemory(0).limits();
        if (limits.shared()) {
            return null;
        }
        int initial = limits.initialPages();
        long size = (long) initial * PAGE_SIZE;
        byte[][] pages = new byte[initial][];
        java.util.Arrays.fill(pages, ZERO_PAGE);
        DataSegment[] segments = module.dataSection().dataSegments();
        for (DataSegment s : segments) {
            if (!(s instanceof ActiveDataSegment a)) {
                continue;
            }
            Long offset = constantOffset(a.offsetInstructions());
            byte[] data = a.data();
            if (a.index() != 0 || offset == null || offset + data.length > size) {
                return null;
            }
            write(pages, offset.intValue(), data);
        }
        long owned = 0;
        for (byte[] p : pages) {
            if (p != ZERO_PAGE) {
                owned += PAGE_SIZE;
            }
        }
        return new MemoryImage(pages, segments.length, owned);
    }

    /** The offset if the expression is a lone {@code i32.const} (as compilers emit), else null. */
    private static Long constantOffset(List<Instruction> expr) {
        Instruction first = null;
        for (Instruction i : expr) {
            if (i.opcode() == OpCode.END) {
                continue;
            }
            if (first != null) {
                return null;
            }
            first = i;
        }
        if (first == null || first.opcode() != OpCode.I32_CONST) {
            return null;
        }
        return Integer.toUnsignedLong((int) first.operand(0));
    }

    private static void write(byte[][] pages, int addr, byte[] data) {
        int done = 0;
        while (done < data.length) {
            int a = addr + done;
            int idx = a >>> 16;
            int off = a & (PAGE_SIZE - 1);
            if (pages[idx] == ZERO_PAGE) {
                pages[idx] = new byte[PAGE_SIZE];
            }
            int chunk = Math.min(data.length - done, PAGE_SIZE - off);
            System.arraycopy(data, done, pages[idx], off, chunk);
            done += chunk;
        }
    }

    /** Initial pages (shared; callers must never write into them). */
    byte[][] pages() {
        return pages;
    }

    int initialPages() {
        return pages.length;
    }

    /** Whether {@code segments} can be the module's own data segments this image was built from. */
    boolean builtFrom(DataSegment[] segments) {
        return segments != null && segments.length == segmentCount;
    }

    /** Bytes held by pages that carry data (the rest share the zero page). */
    public long bytesWithData() {
        return bytesWithData;
    }
}
