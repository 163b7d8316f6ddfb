package dev.ledge.http;

import java.util.ArrayList;
import java.util.List;

/** One-shot callbacks waiting for an {@link AsyncItem} to become ready. */
final class ReadyListeners {
    private List<Runnable> waiting;
    private volatile boolean any;

    /** Adds {@code r}; the caller runs it at once instead when the item is already ready. */
    synchronized void add(Runnable r) {
        if (waiting == null) {
            waiting = new ArrayList<>(2);
        }
        waiting.add(r);
        any = true;
    }

    /** Whether any callback waits (cheap; no lock). */
    boolean hasWaiting() {
        return any;
    }

    /** Runs and forgets every waiting callback. */
    void fire() {
        List<Runnable> now;
        synchronized (this) {
            now = waiting;
            waiting = null;
            any = false;
        }
        if (now != null) {
            now.forEach(Runnable::run);
        }
    }
}
