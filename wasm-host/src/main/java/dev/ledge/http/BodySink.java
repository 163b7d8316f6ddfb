package dev.ledge.http;

/**
 * Where a body's bytes go once it is being sent (to the client, or later to a backend).
 * {@link #write} never blocks; callers that may wait (guest threads) call {@link #awaitWritable}.
 */
public interface BodySink {
    /** Queues bytes for sending. */
    void write(byte[] bytes);

    /** Trailer fields to send after the body, given just before {@link #end}; ignored by default. */
    default void trailers(HeaderMap fields) {
    }

    /** Marks the body complete. */
    void end();

    /** Ends the body unsuccessfully, so that the peer can tell it is truncated. */
    void abort();

    /** Blocks while too many written bytes are still queued. */
    default void awaitWritable() throws InterruptedException {
    }

    /** Whether so many bytes are queued that a source feeding this sink should pause. */
    default boolean isFull() {
        return false;
    }

    /** Runs {@code action} once the queue has drained (at once if it is not full). */
    default void onDrain(Runnable action) {
        action.run();
    }
}
