package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.ledge.testing.Wat;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Copy-on-write memory behaves exactly like Chicory's own memory (the same random sequence of
 * reads, writes, fills, copies and grows, at random and boundary addresses, gives the same
 * contents and the same traps), and instances built from one image never see each other's writes.
 */
class CowMemoryTest {
    private static final int PAGE = 65536;

    /** A module with data on pages 0 and 2 (page 1 untouched) and room to grow to 6 pages. */
    private static MemoryImage image() {
        byte[] wasm = Wat.compile("cow_image");
        MemoryImage image = MemoryImage.of(Parser.parse(wasm));
        assertNotNull(image, "constant offsets inside the initial memory give an image");
        return image;
    }

    private static CowMemory cow(MemoryImage image, MemoryBudget budget) {
        CowMemory m = CowMemory.create(new MemoryLimits(3, 6), image, budget);
        m.zero();
        m.initialize(null, new com.dylibso.chicory.wasm.types.DataSegment[2]);
        return m;
    }

    @Test
    void imagePagesAreSharedAndWritesStayPrivate() {
        MemoryImage image = image();
        MemoryBudget budget = new MemoryBudget(64L << 20);
        CowMemory a = cow(image, budget);
        CowMemory b = cow(image, budget);
        assertEquals("hello", a.readString(10, 5));
        assertEquals(0x04030201, a.readInt(131070), "a segment across a page boundary");
        assertEquals(0, a.ownedBytes(), "reading copies nothing");
        a.writeString(10, "HELLO");
        a.writeLong(PAGE - 4, 0x1122334455667788L); // across pages 0 and 1
        assertEquals("HELLO", a.readString(10, 5));
        assertEquals("hello", b.readString(10, 5), "another instance keeps the image");
        assertEquals(0L, b.readLong(PAGE - 4));
        assertEquals(0x1122334455667788L, a.readLong(PAGE - 4));
        int c = MemoryImage.CHUNK_SIZE;
        assertEquals(java.util.Set.of(10 / c, (PAGE - 4) / c, (PAGE + 3) / c).size() * (long) c, a.ownedBytes(),
                "only the chunks written to are copied");
        assertEquals("hello", cow(image, budget).readString(10, 5), "the image itself is untouched");
    }

    @Test
    void sameResultsAsChicorysMemoryForRandomOperations() {
        MemoryImage image = image();
        for (long seed = 1; seed <= 60; seed++) {
            Random r = new Random(seed);
            // Seeds past 40: a memory without an image (written by the instance), zero at first.
            boolean imaged = seed <= 40;
            CowMemory cow = imaged ? cow(image, new MemoryBudget(64L << 20))
                    : CowMemory.create(new MemoryLimits(3, 6), null, new MemoryBudget(64L << 20));
            ByteArrayMemory ref = new ByteArrayMemory(new MemoryLimits(3, 6));
            if (imaged) {
                ref.write(10, "hello".getBytes());
                ref.write(131070, new byte[] {1, 2, 3, 4, 5, 6});
            }
            for (int step = 0; step < 400; step++) {
                Consumer<Memory> op = randomOperation(r);
                RuntimeException cowFailure = attempt(op, cow);
                RuntimeException refFailure = attempt(op, ref);
                assertEquals(refFailure == null, cowFailure == null,
                        "seed " + seed + " step " + step + ": chicory " + refFailure + ", cow " + cowFailure);
                if (cowFailure != null) {
                    assertTrue(cowFailure instanceof WasmRuntimeException, "a trap, not a host error: " + cowFailure);
                }
                assertEquals(ref.pages(), cow.pages(), "seed " + seed + " step " + step);
            }
            assertArrayEquals(ref.readBytes(0, ref.pages() * PAGE), cow.readBytes(0, cow.pages() * PAGE), "seed " + seed);
        }
    }

    private static RuntimeException attempt(Consumer<Memory> op, Memory m) {
        try {
            op.accept(m);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static int address(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> PAGE * (1 + r.nextInt(6)) - r.nextInt(9); // just below a page boundary
            case 1 -> r.nextInt(PAGE * 7); // anywhere, sometimes past the end
            case 2 -> -1 - r.nextInt(100);
            case 3 -> Integer.MAX_VALUE - r.nextInt(8);
            case 4 -> MemoryImage.CHUNK_SIZE * (1 + r.nextInt(6 * PAGE / MemoryImage.CHUNK_SIZE)) - r.nextInt(9); // below a chunk boundary
            default -> r.nextInt(PAGE * 3);
        };
    }

    private static Consumer<Memory> randomOperation(Random r) {
        int addr = address(r);
        long value = r.nextLong();
        int len = r.nextInt(10) == 0 ? r.nextInt(3 * PAGE) : r.nextInt(300);
        int other = address(r);
        int near = addr + r.nextInt(64) - 32;
        int delta = r.nextInt(3);
        return switch (r.nextInt(15)) {
            case 0 -> m -> m.writeByte(addr, (byte) value);
            case 1 -> m -> m.writeShort(addr, (short) value);
            case 2 -> m -> m.writeI32(addr, (int) value);
            case 3 -> m -> m.writeLong(addr, value);
            case 4 -> m -> m.writeF32(addr, (float) value);
            case 5 -> m -> m.writeF64(addr, (double) value);
            case 6 -> m -> m.fill((byte) value, addr, addr + len);
            case 7 -> m -> m.fill((byte) 0, addr & ~(PAGE - 1), (addr & ~(PAGE - 1)) + PAGE);
            case 13 -> m -> m.fill((byte) 0, addr & -MemoryImage.CHUNK_SIZE, (addr & -MemoryImage.CHUNK_SIZE) + MemoryImage.CHUNK_SIZE);
            case 8 -> m -> m.copy(addr, other, len);
            case 9 -> m -> m.copy(addr, near, len); // overlapping
            case 10 -> m -> m.write(addr, new byte[len], 0, len);
            case 11 -> m -> {
                if (m.grow(delta) < 0) {
                    throw new WasmRuntimeException("grow refused");
                }
            };
            case 12 -> m -> check(m.readLong(addr) ^ m.readInt(addr) ^ m.readShort(addr) ^ m.read(addr));
            default -> m -> check(m.readBytes(addr, len).length);
        };
    }

    private static void check(long ignored) {
        // Reads are compared through their traps and the final contents.
    }

    @Test
    void theBudgetBoundsInstancesAndGrowth() {
        MemoryImage image = image();
        MemoryBudget budget = new MemoryBudget(8L * PAGE);
        CowMemory a = cow(image, budget);
        assertEquals(3, a.grow(3), "6 pages of 8 reserved");
        assertEquals(6, a.grow(0), "growing by nothing reserves nothing");
        CowMemory b = CowMemory.create(new MemoryLimits(2, 6), null, budget);
        assertEquals(-1, b.grow(1), "the budget is full: grow fails as Wasm says");
        assertThrows(MemoryBudgetExhaustedException.class, () -> CowMemory.create(new MemoryLimits(1, 6), null, budget));
        a.release();
        a.release();
        assertEquals(2L * PAGE, budget.reservedBytes(), "released once, however often release is called");
        assertEquals(2, b.grow(1));
        b.release();
        assertEquals(0, budget.reservedBytes());
    }
}
