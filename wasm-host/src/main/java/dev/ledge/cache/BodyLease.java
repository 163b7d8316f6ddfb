package dev.ledge.cache;

import dev.ledge.http.Body;
import dev.ledge.session.AbiError;
import dev.ledge.session.HandleTables;

/**
 * The body a cache handle last handed out: Fastly allows one body per found object at a time,
 * so asking again while that body is still open is {@code badf}.
 */
public final class BodyLease {
    private int handle;
    private Body body;

    /** Fails with badf while the last body handed out is still open. */
    public void checkFree(HandleTables handles) {
        if (body == null) {
            return;
        }
        boolean open;
        try {
            open = handles.get(handle, Body.class) == body;
        } catch (AbiError closed) {
            open = false;
        }
        if (open) {
            throw AbiError.badf("the body from the last get_body (handle " + handle + ") is still open; close it first");
        }
    }

    public void lend(int handle, Body body) {
        this.handle = handle;
        this.body = body;
    }
}
