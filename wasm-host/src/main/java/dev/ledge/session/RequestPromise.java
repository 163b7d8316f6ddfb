package dev.ledge.session;

import dev.ledge.http.AsyncItem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A guest's promise to take one more client request in the same sandbox
 * ({@code fastly_http_downstream.next_request}): fulfilled with the next request the server
 * routes to it, or ended when it times out or the guest abandons it.
 */
public final class RequestPromise implements AsyncItem {
    private final CompletableFuture<Exchange> future = new CompletableFuture<>();

    /** Hands a request to the guest; false if the promise already ended. */
    public boolean fulfil(Exchange e) {
        return future.complete(e);
    }

    /** Ends the promise without a request (abandoned, timed out, or the guest finished). */
    public boolean end() {
        return future.complete(null);
    }

    /** The request handed over but never taken, so the server can run it elsewhere; else null. */
    public Exchange untaken() {
        return future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
    }

    @Override
    public boolean isReady() {
        return future.isDone();
    }

    @Override
    public void onReady(Runnable action) {
        future.whenComplete((e, t) -> action.run());
    }

    /** Waits for the request; null when the promise ended without one. */
    public Exchange await() throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return null;
        }
    }
}
