package dev.ledge.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide allowance of guest linear memory. Every sandbox reserves its memory's size
 * here when it is created and on each {@code memory.grow}, and gives it back when it ends; a grow
 * that would pass the allowance fails the way Wasm specifies (it returns -1), so many guests
 * growing at once can never run the host out of heap, whatever each one's own cap says.
 *
 * <p>Sizes are counted as the guest sees them (pages times 64 KiB), not as copy-on-write pages
 * actually allocated, so the bound holds even if every guest writes every page it has.
 */
public final class MemoryBudget {
    /** The default share of the JVM's maximum heap that guests may hold together. */
    public static final double DEFAULT_HEAP_SHARE = 0.5;

    private static final MemoryBudget PROCESS = new MemoryBudget(defaultLimit());

    private volatile long limitBytes;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    public MemoryBudget(long limitBytes) {
        setLimit(limitBytes);
    }

    /** The budget every sandbox in this process draws from. */
    public static MemoryBudget process() {
        return PROCESS;
    }

    private static long defaultLimit() {
        String mib = System.getProperty("ledge.memory.budget.mib");
        if (mib != null) {
            return Long.parseLong(mib.trim()) << 20;
        }
        return (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);
    }

    /** Changes the allowance; reservations already held stay until released. */
    public void setLimit(long bytes) {
        if (bytes < 65536) {
            throw new IllegalArgumentException("the guest memory budget must be at least one 64 KiB page");
        }
        this.limitBytes = bytes;
    }

    /**
     * Reserves {@code bytes} for one sandbox's memory, or null when the allowance has no room.
     * The reservation goes back when closed, or when its memory is garbage collected unclosed.
     */
    public Reservation reserve(long bytes) {
        return tryReserve(bytes) ? new Reservation(this, bytes) : null;
    }

    boolean tryReserve(long bytes) {
        while (true) {
            long now = reserved.get();
            long next = now + bytes;
            if (next > limitBytes) {
                refusals.incrementAndGet();
                return false;
            }
            if (reserved.compareAndSet(now, next)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Bytes of guest memory currently reserved by live sandboxes. */
    public long reservedBytes() {
        return reserved.get();
    }

    /** How many reservations (instantiations or grows) were refused so far. */
    public long refusals() {
        return refusals.get();
    }

    /** One memory's share of the budget; grows with the memory and is given back once. */
    public static final class Reservation implements AutoCloseable {
        private final MemoryBudget budget;
        private final AtomicLong bytes;

        private Reservation(MemoryBudget budget, long bytes) {
            this.budget = budget;
            this.bytes = new AtomicLong(bytes);
        }

        /** Adds {@code more} bytes if the budget has room; false (nothing added) if not. */
        public boolean grow(long more) {
            if (bytes.get() < 0 || !budget.tryReserve(more)) {
                return false;
            }
            bytes.addAndGet(more);
            return true;
        }

        public long bytes() {
            return Math.max(0, bytes.get());
        }

        @Override
        public void close() {
            long held = bytes.getAndSet(-1);
            if (held > 0) {
                budget.release(held);
            }
        }
    }
}
