package dev.ledge.engine;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A sandbox's linear memory that starts from a shared {@link MemoryImage} and copies a chunk of it
 * (4 KiB by default, {@link MemoryImage#CHUNK_SIZE}; a Wasm page is 16 of them) the first time the
 * guest (or a hostcall) writes to it. Reads go straight to whichever chunk is current; writes go
 * through {@code owned}, which holds only this instance's private copies, so a write can never
 * reach a chunk another instance can see. Grown pages start as the shared zero chunk and cost
 * nothing until written. Sizes are reserved in the process-wide {@link MemoryBudget}.
 *
 * <p>Chunks smaller than a Wasm page matter because a short request writes to a few scattered
 * places (its stack, a few heap objects): copying 4 KiB around each costs a sixteenth of copying
 * the 64 KiB page, and leaves a sixteenth of the garbage.
 *
 * <p>Out-of-bounds accesses trap with Chicory's message ("out of bounds memory access"), and
 * {@code memory.grow}, {@code memory.fill}, {@code memory.copy}, {@code memory.init} and
 * {@code data.drop} keep their Wasm semantics. Not for shared memories (threads).
 */
public final class CowMemory implements Memory {
    private static final int SHIFT = MemoryImage.CHUNK_SHIFT;
    private static final int CHUNK = MemoryImage.CHUNK_SIZE;
    private static final int MASK = CHUNK - 1;
    private static final int PER_PAGE = MemoryImage.CHUNKS_PER_PAGE_SHIFT;
    private static final byte[] ZERO = MemoryImage.ZERO_CHUNK;
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private static final java.lang.ref.Cleaner RELEASER = java.lang.ref.Cleaner.create();

    private final MemoryLimits limits;
    private final int maxPages;
    private final MemoryImage image;
    private final MemoryBudget.Reservation reservation;
    /**
     * The current chunk for each index below {@code nPages << PER_PAGE}. Until the first write this
     * is a table shared with other instances (the image's, or its all-zero one; {@code sharedTable}),
     * so starting an instance writes no reference array; the first write copies it.
     */
    private byte[][] chunks;
    private boolean sharedTable;
    /** One bit per chunk: set where {@code chunks} holds this instance's private copy. */
    private long[] owned;
    private int nPages;
    private DataSegment[] segments;

    private CowMemory(MemoryLimits limits, MemoryImage image, MemoryBudget.Reservation reservation) {
        this.limits = limits;
        this.maxPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        this.image = image;
        this.reservation = reservation;
        this.nPages = limits.initialPages();
        this.owned = new long[(chunkCapacity() + 63) >>> 6];
        useZeroTable();
    }

    /** Chunks a private table is made with: room to grow by 16 pages before copying it again. */
    private int chunkCapacity() {
        return Math.max(nPages, Math.min(maxPages, nPages + 16)) << PER_PAGE;
    }

    /** Every chunk the shared zero chunk, nothing owned. */
    private void useZeroTable() {
        int n = nPages << PER_PAGE;
        if (image != null && image.initialPages() == nPages) {
            chunks = image.zeroChunks();
            sharedTable = true;
        } else {
            chunks = new byte[chunkCapacity()][];
            Arrays.fill(chunks, 0, n, ZERO);
            sharedTable = false;
        }
        Arrays.fill(owned, 0L);
    }

    /**
     * A memory with {@code limits} whose initial contents come from {@code image} (null: written by
     * {@link #initialize}), its initial size reserved in {@code budget}.
     *
     * @throws MemoryBudgetExhaustedException if the budget has no room for the initial pages
     */
    public static CowMemory create(MemoryLimits limits, MemoryImage image, MemoryBudget budget) {
        if (limits.shared()) {
            throw new IllegalArgumentException("copy-on-write memory is not for shared memories");
        }
        MemoryBudget.Reservation r = budget.reserve((long) limits.initialPages() * PAGE_SIZE);
        if (r == null) {
            throw new MemoryBudgetExhaustedException("the host's guest-memory budget of " + (budget.limitBytes() >> 20)
                    + " MiB is in use by other sandboxes; " + limits.initialPages() * 64L + " KiB needed to start");
        }
        CowMemory memory = new CowMemory(limits, image, r);
        // A sandbox that is dropped without release() still gives its share back once collected.
        RELEASER.register(memory, r::close);
        return memory;
    }

    /**
     * Gives this memory's reservation back to the budget and drops its chunks at once (the instance
     * may stay reachable a while longer, e.g. from a response still being written); any later
     * access traps as out of bounds.
     */
    public void release() {
        reservation.close();
        chunks = new byte[0][];
        sharedTable = false;
        owned = new long[0];
        nPages = 0;
    }

    /** Bytes this instance has copied or allocated for itself (whole chunks). */
    public long ownedBytes() {
        long n = 0;
        for (long bits : owned) {
            n += Long.bitCount(bits);
        }
        return n * CHUNK;
    }

    private static RuntimeException outOfBounds() {
        return new WasmRuntimeException("out of bounds memory access");
    }

    private void check(int addr, int size) {
        if (addr < 0 || size < 0 || (long) addr + size > (long) nPages * PAGE_SIZE) {
            throw outOfBounds();
        }
    }

    /** The writable chunk holding {@code addr}, copying it first if it is still shared. */
    private byte[] writable(int addr) {
        int idx = addr >>> SHIFT;
        long[] bits = owned;
        int word = idx >>> 6;
        if (word < bits.length && (bits[word] & (1L << idx)) != 0) {
            return chunks[idx];
        }
        return copyChunk(idx);
    }

    private byte[] copyChunk(int idx) {
        if (idx >= nPages << PER_PAGE) {
            throw outOfBounds();
        }
        privateTable(nPages << PER_PAGE);
        byte[] src = chunks[idx];
        byte[] p = src == ZERO ? new byte[CHUNK] : src.clone();
        chunks[idx] = p;
        owned[idx >>> 6] |= 1L << idx;
        return p;
    }

    /** Makes {@code chunks} this instance's own table, with room for at least {@code needed} chunks. */
    private void privateTable(int needed) {
        if (sharedTable || needed > chunks.length) {
            int doubled = sharedTable ? 0 : Math.min(maxPages << PER_PAGE, chunks.length * 2);
            int capacity = Math.max(needed, Math.max(chunkCapacity(), doubled));
            chunks = Arrays.copyOf(chunks, capacity);
            sharedTable = false;
            if ((capacity + 63) >>> 6 > owned.length) {
                owned = Arrays.copyOf(owned, (capacity + 63) >>> 6);
            }
        }
    }

    @Override
    public int pages() {
        return nPages;
    }

    @Override
    public int grow(int delta) {
        int prev = nPages;
        int next = prev + delta;
        if (next > maxPages || next < prev) {
            return -1;
        }
        if (delta == 0) {
            return prev;
        }
        if (!reservation.grow((long) delta * PAGE_SIZE)) {
            return -1;
        }
        privateTable(next << PER_PAGE);
        Arrays.fill(chunks, prev << PER_PAGE, next << PER_PAGE, ZERO);
        nPages = next;
        return prev;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return maxPages;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Object lock(int address) {
        return this;
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    public int notify(int address, int maxThreads) {
        return 0;
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        this.segments = dataSegments;
        if (dataSegments == null) {
            return;
        }
        if (image != null && image.builtFrom(dataSegments) && nPages == image.initialPages()) {
            chunks = image.chunks();
            sharedTable = true;
            Arrays.fill(owned, 0L);
            return;
        }
        for (DataSegment s : dataSegments) {
            if (s instanceof ActiveDataSegment a) {
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, a.offsetInstructions())[0];
                byte[] data = a.data();
                if (offset < 0 || (long) offset + data.length > (long) nPages * PAGE_SIZE) {
                    throw new UninstantiableException("out of bounds memory access");
                }
                write(offset, data, 0, data.length);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, segments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        segments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void zero() {
        useZeroTable();
    }

    @Override
    public void fill(byte value, int from, int to) {
        int size = to - from;
        check(from, size);
        int addr = from;
        while (size > 0) {
            int off = addr & MASK;
            int chunk = Math.min(size, CHUNK - off);
            int idx = addr >>> SHIFT;
            if (value == 0 && chunk == CHUNK) {
                if (chunks[idx] != ZERO) {
                    privateTable(nPages << PER_PAGE);
                    chunks[idx] = ZERO;
                    owned[idx >>> 6] &= ~(1L << idx);
                }
            } else {
                Arrays.fill(writable(addr), off, off + chunk, value);
            }
            addr += chunk;
            size -= chunk;
        }
    }

    @Override
    public void copy(int dest, int src, int size) {
        check(dest, size);
        check(src, size);
        if (size == 0) {
            return;
        }
        if (Math.abs((long) dest - src) < size) {
            write(dest, readBytes(src, size), 0, size);
            return;
        }
        while (size > 0) {
            int dOff = dest & MASK;
            int sOff = src & MASK;
            int chunk = Math.min(size, CHUNK - Math.max(dOff, sOff));
            byte[] target = writable(dest);
            System.arraycopy(chunks[src >>> SHIFT], sOff, target, dOff, chunk);
            dest += chunk;
            src += chunk;
            size -= chunk;
        }
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        if (offset < 0 || size < 0 || (long) offset + size > data.length) {
            throw outOfBounds();
        }
        check(addr, size);
        while (size > 0) {
            int off = addr & MASK;
            int chunk = Math.min(size, CHUNK - off);
            System.arraycopy(data, offset, writable(addr), off, chunk);
            addr += chunk;
            offset += chunk;
            size -= chunk;
        }
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        check(addr, len);
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            int a = addr + done;
            int off = a & MASK;
            int chunk = Math.min(len - done, CHUNK - off);
            System.arraycopy(chunks[a >>> SHIFT], off, out, done, chunk);
            done += chunk;
        }
        return out;
    }

    @Override
    public byte read(int addr) {
        try {
            return chunks[addr >>> SHIFT][addr & MASK];
        } catch (RuntimeException e) {
            throw outOfBounds();
        }
    }

    @Override
    public void writeByte(int addr, byte data) {
        writable(addr)[addr & MASK] = data;
    }

    @Override
    public short readShort(int addr) {
        int off = addr & MASK;
        if (off <= CHUNK - 2) {
            try {
                return (short) SHORTS.get(chunks[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds();
            }
        }
        check(addr, 2);
        return (short) ((read(addr) & 0xFF) | (read(addr + 1) & 0xFF) << 8);
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        int off = addr & MASK;
        if (off <= CHUNK - 2) {
            SHORTS.set(writable(addr), off, data);
            return;
        }
        check(addr, 2);
        writeByte(addr, (byte) data);
        writeByte(addr + 1, (byte) (data >>> 8));
    }

    @Override
    public int readInt(int addr) {
        int off = addr & MASK;
        if (off <= CHUNK - 4) {
            try {
                return (int) INTS.get(chunks[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds();
            }
        }
        check(addr, 4);
        return (readShort(addr) & 0xFFFF) | readShort(addr + 2) << 16;
    }

    @Override
    public void writeI32(int addr, int data) {
        int off = addr & MASK;
        if (off <= CHUNK - 4) {
            INTS.set(writable(addr), off, data);
            return;
        }
        check(addr, 4);
        for (int i = 0; i < 4; i++) {
            writeByte(addr + i, (byte) (data >>> (8 * i)));
        }
    }

    @Override
    public long readLong(int addr) {
        int off = addr & MASK;
        if (off <= CHUNK - 8) {
            try {
                return (long) LONGS.get(chunks[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds();
            }
        }
        check(addr, 8);
        return (readInt(addr) & 0xFFFFFFFFL) | (long) readInt(addr + 4) << 32;
    }

    @Override
    public void writeLong(int addr, long data) {
        int off = addr & MASK;
        if (off <= CHUNK - 8) {
            LONGS.set(writable(addr), off, data);
            return;
        }
        check(addr, 8);
        for (int i = 0; i < 8; i++) {
            writeByte(addr + i, (byte) (data >>> (8 * i)));
        }
    }

    @Override
    public float readFloat(int addr) {
        int off = addr & MASK;
        if (off <= CHUNK - 4) {
            try {
                return (float) FLOATS.get(chunks[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds();
            }
        }
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        int off = addr & MASK;
        if (off <= CHUNK - 4) {
            FLOATS.set(writable(addr), off, data);
            return;
        }
        writeI32(addr, Float.floatToRawIntBits(data));
    }

    @Override
    public double readDouble(int addr) {
        int off = addr & MASK;
        if (off <= CHUNK - 8) {
            try {
                return (double) DOUBLES.get(chunks[addr >>> SHIFT], off);
            } catch (RuntimeException e) {
                throw outOfBounds();
            }
        }
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        int off = addr & MASK;
        if (off <= CHUNK - 8) {
            DOUBLES.set(writable(addr), off, data);
            return;
        }
        writeLong(addr, Double.doubleToRawLongBits(data));
    }
}
