package dev.ledge.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;

/**
 * A module's initial linear memory, built once: its initial pages with the active data segments
 * written in, held as chunks of {@link #CHUNK_SIZE} bytes. Chunks no segment touches are the one
 * shared zero chunk. Instances start from these chunks read-only and copy a chunk the first time
 * they write to it ({@link CowMemory}), so creating an instance costs the same whatever the
 * memory's size or the number of segments.
 *
 * <p>Built only when every active segment's offset is a constant and fits the initial memory;
 * otherwise {@link #of} gives null and instances write their segments themselves, exactly as
 * Wasm specifies (including failing instantiation when a segment does not fit).
 */
public final class MemoryImage {
    static final int PAGE_SIZE = 65536;
    /**
     * log2 of the copy-on-write unit: 12 (4 KiB) unless {@code -Dledge.memory.chunkShift=N}
     * (12..16; 16 = whole Wasm pages) says otherwise, for measuring.
     */
    static final int CHUNK_SHIFT = Math.max(12, Math.min(16, Integer.getInteger("ledge.memory.chunkShift", 12)));
    /** log2 of the chunks in a Wasm page. */
    static final int CHUNKS_PER_PAGE_SHIFT = 16 - CHUNK_SHIFT;
    /** Bytes per copy-on-write chunk. */
    public static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    /** The chunk every untouched chunk refers to; never written. */
    static final byte[] ZERO_CHUNK = new byte[CHUNK_SIZE];

    private final byte[][] chunks;
    private final int segmentCount;
    private final long bytesWithData;

    /** The initial memory before data segments: every chunk the zero chunk. */
    private final byte[][] zeroChunks;

    private MemoryImage(byte[][] chunks, int segmentCount, long bytesWithData) {
        this.chunks = chunks;
        this.zeroChunks = new byte[chunks.length][];
        java.util.Arrays.fill(zeroChunks, ZERO_CHUNK);
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
        byte[][] chunks = new byte[initial << CHUNKS_PER_PAGE_SHIFT][];
        java.util.Arrays.fill(chunks, ZERO_CHUNK);
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
            write(chunks, offset.intValue(), data);
        }
        long owned = 0;
        for (byte[] c : chunks) {
            if (c != ZERO_CHUNK) {
                owned += CHUNK_SIZE;
            }
        }
        return new MemoryImage(chunks, segments.length, owned);
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

    private static void write(byte[][] chunks, int addr, byte[] data) {
        int done = 0;
        while (done < data.length) {
            int a = addr + done;
            int idx = a >>> CHUNK_SHIFT;
            int off = a & (CHUNK_SIZE - 1);
            if (chunks[idx] == ZERO_CHUNK) {
                chunks[idx] = new byte[CHUNK_SIZE];
            }
            int n = Math.min(data.length - done, CHUNK_SIZE - off);
            System.arraycopy(data, done, chunks[idx], off, n);
            done += n;
        }
    }

    /** Initial chunks (shared; callers must never write into them). */
    byte[][] chunks() {
        return chunks;
    }

    /** Initial chunks of an all-zero memory of the same size (shared, never to be written). */
    byte[][] zeroChunks() {
        return zeroChunks;
    }

    int initialPages() {
        return chunks.length >> CHUNKS_PER_PAGE_SHIFT;
    }

    /** Whether {@code segments} can be the module's own data segments this image was built from. */
    boolean builtFrom(DataSegment[] segments) {
        return segments != null && segments.length == segmentCount;
    }

    /** Bytes held by chunks that carry data (the rest share the zero chunk). */
    public long bytesWithData() {
        return bytesWithData;
    }
}
