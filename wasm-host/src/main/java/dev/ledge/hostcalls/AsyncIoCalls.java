package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.http.AsyncItem;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code fastly_async_io}: waiting on several things at once. Bodies are ready when bytes (or
 * their end) can be read, pending requests when their response head is in, busy cache lookups
 * when the object or the obligation to fill it is theirs; cache handles and KV operations are
 * answered at once and always ready. Any other handle is {@code badf}.
 */
final class AsyncIoCalls {
    static final String M = "fastly_async_io";
    /** Most handles one select may wait on. */
    static final int MAX_ITEMS = 4096;

    private AsyncIoCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "select", i32s(4), (s, a) -> {
            GuestMemory m = s.memory();
            m.check((int) a[3], 4, "ready index out");
            int[] hs = readHandles(m, (int) a[0], (int) a[1]);
            long timeout = Integer.toUnsignedLong((int) a[2]);
            if (hs.length == 0 && timeout == 0) {
                throw AbiError.inval("select with no handles and no timeout would wait forever");
            }
            AsyncItem[] items = new AsyncItem[hs.length];
            for (int i = 0; i < hs.length; i++) {
                items[i] = s.handles().get(hs[i], AsyncItem.class);
            }
            m.writeU32((int) a[3], awaitFirst(items, timeout), "ready index out");
            return 0;
        });
        r.fn(M, "is_ready", i32s(2), (s, a) -> {
            AsyncItem item = s.handles().get((int) a[0], AsyncItem.class);
            s.memory().writeU32((int) a[1], item.isReady() ? 1 : 0, "is_done out");
            return 0;
        });
    }

    /** Reads a guest list of u32 handles. */
    static int[] readHandles(GuestMemory m, int ptr, int count) {
        long n = Integer.toUnsignedLong(count);
        if (n > MAX_ITEMS) {
            throw AbiError.inval("too many handles (" + n + "); at most " + MAX_ITEMS);
        }
        m.check(ptr, (int) (n * 4), "handle list");
        int[] out = new int[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = m.readU32(ptr + 4 * i, "handle list");
        }
        return out;
    }

    /** The index of the first ready item, waiting up to {@code timeoutMs} (0: forever); -1 (u32::MAX) on timeout. */
    static int awaitFirst(AsyncItem[] items, long timeoutMs) throws InterruptedException {
        for (int i = 0; i < items.length; i++) {
            if (items[i].isReady()) {
                return i;
            }
        }
        CountDownLatch latch = new CountDownLatch(1);
        for (AsyncItem item : items) {
            item.onReady(latch::countDown);
        }
        long deadline = timeoutMs == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            for (int i = 0; i < items.length; i++) {
                if (items[i].isReady()) {
                    return i;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            latch.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        }
    }
}
