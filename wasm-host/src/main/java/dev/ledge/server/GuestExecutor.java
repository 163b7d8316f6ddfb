package dev.ledge.server;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads guests run on, never the event loop: platform threads with deep stacks (compiled
 * guests recurse deeply), at most {@code maxInFlight} at once. When all are busy a request is
 * refused at once rather than queued without bound.
 */
public final class GuestExecutor implements AutoCloseable {
    /** Stack size of a guest thread. */
    static final long STACK_BYTES = 16L << 20;

    private final ThreadPoolExecutor pool;

    public GuestExecutor(int maxInFlight) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(Math.min(4, maxInFlight), maxInFlight, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> new dev.ledge.engine.GuestThread(r, "ledge-guest-" + n.incrementAndGet(), STACK_BYTES));
    }

    /** Runs {@code task} on a guest thread; false when every thread is busy. */
    public boolean trySubmit(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Guests running now. */
    public int active() {
        return pool.getActiveCount();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
