package dev.ledge.session;

import dev.ledge.http.Body;
import dev.ledge.http.ResponseHead;

/** Delivers the guest's response to the client; implemented by the HTTP server and by `ledge run`. */
public interface DownstreamResponder {
    /**
     * Sends {@code head}; the body's bytes follow as they become available. In streaming mode the
     * guest keeps writing to {@code body} and closes it to finish the response.
     */
    void send(ResponseHead head, Body body, boolean streaming);

    /** Tells the responder which session answers its request (for timings); optional. */
    default void attached(Session session) {
    }

    /**
     * Takes the client's connection for a WebSocket hand-off, which goes on in the background from
     * now on; false when this responder has no connection to hand off (e.g. `ledge run`).
     */
    default boolean handOff(dev.ledge.backend.WebSocketHandoff handoff) {
        return false;
    }
}
