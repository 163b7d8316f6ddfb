package dev.ledge.backend;

import dev.ledge.http.AsyncItem;
import dev.ledge.http.Body;
import dev.ledge.http.ResponseHead;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A request on its way to a backend; ready once the response head has arrived or the request failed. */
public final class PendingRequest implements AsyncItem {
    /** A backend's answer: the head at once, the body streaming in behind it. */
    public record Answer(ResponseHead head, Body body) {
    }

    private final CompletableFuture<Answer> future;

    PendingRequest(CompletableFuture<Answer> future) {
        this.future = future;
    }

    /** A request that failed before it was sent (e.g. unknown backend). */
    public static PendingRequest failed(SendError e) {
        return new PendingRequest(CompletableFuture.failedFuture(e));
    }

    /** The answer as it will complete. */
    CompletableFuture<Answer> future() {
        return future;
    }

    @Override
    public boolean isReady() {
        return future.isDone();
    }

    @Override
    public void onReady(Runnable action) {
        future.whenComplete((a, e) -> action.run());
    }

    /** Waits for the response head. */
    public Answer await() throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SendError se) {
                throw se;
            }
            throw new SendError(dev.ledge.abi.Status.ERROR, SendError.INTERNAL_ERROR, "backend request failed: " + e.getCause());
        }
    }
}
