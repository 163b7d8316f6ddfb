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

    /** A header change queued for the response: set, add or remove, for real or error responses. */
    public record HeaderEdit(int target, Op op, String name, byte[] value) {
        /** pending_response_kind values. */
        public static final int ANY = 0, RESPONSE = 1, ERROR = 2;

        /** What the change does. */
        public enum Op { INSERT, APPEND, REMOVE }

        void apply(dev.ledge.http.HeaderMap h) {
            switch (op) {
                case INSERT -> h.insert(name, value);
                case APPEND -> h.append(name, value);
                case REMOVE -> h.remove(name);
            }
        }
    }

    private final CompletableFuture<Answer> future;
    private final java.util.List<HeaderEdit> edits = new java.util.concurrent.CopyOnWriteArrayList<>();

    PendingRequest(CompletableFuture<Answer> future) {
        this.future = future;
    }

    /** A request that failed before it was sent (e.g. unknown backend). */
    public static PendingRequest failed(SendError e) {
        return new PendingRequest(CompletableFuture.failedFuture(e));
    }

    /** Queues a header change for the response (pending_req_header_insert/append/remove). */
    public void queue(HeaderEdit edit) {
        edits.add(edit);
    }

    /** Applies the queued changes meant for a real response ({@code error} false) or an error response. */
    public void applyEdits(ResponseHead head, boolean error) {
        for (HeaderEdit e : edits) {
            if (e.target() == HeaderEdit.ANY || e.target() == (error ? HeaderEdit.ERROR : HeaderEdit.RESPONSE)) {
                e.apply(head.headers);
            }
        }
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

    /** Waits for the response head; queued header changes are applied to it. */
    public Answer await() throws InterruptedException {
        try {
            Answer a = future.get();
            applyEdits(a.head(), false);
            return a;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SendError se) {
                throw se;
            }
            throw new SendError(dev.ledge.abi.Status.ERROR, SendError.INTERNAL_ERROR, "backend request failed: " + e.getCause());
        }
    }
}
