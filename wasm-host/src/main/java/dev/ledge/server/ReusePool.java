package dev.ledge.server;

import dev.ledge.session.Exchange;
import dev.ledge.session.NextRequestSource;
import dev.ledge.session.RequestPromise;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Sandboxes of one service that asked for further requests ({@code next_request}). An arriving
 * request goes to the longest-waiting one; only when none waits does it start a fresh sandbox.
 * Still one request at a time per instance: a sandbox waits again only after it asks again.
 */
final class ReusePool implements NextRequestSource {
    private final ConcurrentLinkedQueue<RequestPromise> waiting = new ConcurrentLinkedQueue<>();
    private final Vertx vertx;
    private final Consumer<Exchange> runFresh;

    ReusePool(Vertx vertx, Consumer<Exchange> runFresh) {
        this.vertx = vertx;
        this.runFresh = runFresh;
    }

    @Override
    public RequestPromise register(long timeoutMs) {
        RequestPromise p = new RequestPromise();
        waiting.add(p);
        vertx.setTimer(timeoutMs, id -> {
            if (p.end()) {
                waiting.remove(p);
            }
        });
        return p;
    }

    /** Hands {@code e} to a waiting sandbox; false when none takes it. */
    boolean offer(Exchange e) {
        for (RequestPromise p = waiting.poll(); p != null; p = waiting.poll()) {
            if (p.fulfil(e)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void giveBack(Exchange e) {
        if (!offer(e)) {
            runFresh.accept(e);
        }
    }

    /** Lets every waiting sandbox go without a request (its version no longer serves new ones). */
    void release() {
        for (RequestPromise p = waiting.poll(); p != null; p = waiting.poll()) {
            p.end();
        }
    }

    /** Sandboxes waiting for a request now. */
    int waiting() {
        return waiting.size();
    }
}
