package dev.ledge.session;

import dev.ledge.http.Body;
import dev.ledge.http.RequestHead;

/**
 * One client request and the way back to that client. A session normally has one; a guest that
 * asks for further requests ({@code next_request}) gets more, answered in order.
 */
public final class Exchange {
    private final RequestHead head;
    private final Body body;
    private final DownstreamResponder responder;
    private volatile boolean responseSent;
    private volatile Body streamingBody;
    private volatile boolean handedOff;

    public Exchange(RequestHead head, Body body, DownstreamResponder responder) {
        this.head = head;
        this.body = body;
        this.responder = responder;
    }

    public RequestHead head() {
        return head;
    }

    public Body body() {
        return body;
    }

    public DownstreamResponder responder() {
        return responder;
    }

    public boolean responseSent() {
        return responseSent;
    }

    /** The body the guest is still streaming to this client, if any. */
    public Body streamingBody() {
        return streamingBody;
    }

    /** Whether the guest handed this client's connection to a backend (WebSocket passthrough). */
    public boolean handedOff() {
        return handedOff;
    }

    void markHandedOff() {
        handedOff = true;
        responseSent = true;
    }

    void markSent(Body streaming) {
        responseSent = true;
        streamingBody = streaming;
    }
}
