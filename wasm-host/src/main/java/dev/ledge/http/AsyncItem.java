package dev.ledge.http;

/**
 * Something a guest can wait on with {@code fastly_async_io.select}: a body (ready when bytes or
 * its end can be read without blocking), a pending backend request (ready when the response head
 * has arrived or the request failed), and later cache handles.
 */
public interface AsyncItem {
    /** Whether the item's I/O action would complete now without blocking. */
    boolean isReady();

    /** Runs {@code action} once, when the item becomes ready (at once if it already is). */
    void onReady(Runnable action);
}
