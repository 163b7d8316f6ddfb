package dev.ledge.session;

/** Where a guest that opted into reuse waits for further client requests (the server's reuse pool). */
public interface NextRequestSource {
    /** Registers a promise that the next matching request, within {@code timeoutMs}, goes to this sandbox. */
    RequestPromise register(long timeoutMs);

    /** Takes back a request that was handed to this sandbox but never taken, to run it elsewhere. */
    void giveBack(Exchange e);
}
