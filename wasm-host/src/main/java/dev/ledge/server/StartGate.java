package dev.ledge.server;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests that reach a server after it started listening but before its services are ready:
 * {@code ledge serve} binds its port while the modules load, so that a first request does not wait
 * for the bind as well. Such a request is paused and handled once the gate opens, on its own
 * connection's context, or answered 503 if the services failed to start.
 */
final class StartGate {
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean open;
    private String failure;

    /**
     * Whether {@code req} must wait (then it is paused, and {@code handle} runs on {@code ctx}
     * once the gate opens); false when the gate is open and the caller handles it now.
     */
    boolean hold(HttpServerRequest req, Context ctx, Runnable handle) {
        String refused;
        synchronized (this) {
            if (open) {
                return false;
            }
            refused = failure;
            if (refused == null) {
                req.pause();
                waiting.add(() -> ctx.runOnContext(v -> {
                    String f;
                    synchronized (this) {
                        f = failure;
                    }
                    if (f != null) {
                        refuse(req, f);
                    } else {
                        handle.run();
                    }
                    req.resume();
                }));
                return true;
            }
        }
        refuse(req, refused);
        return true;
    }

    /** Lets the waiting requests, and all later ones, through. */
    void open() {
        release(null);
    }

    /** Answers the waiting requests, and all later ones, 503 with {@code why}. */
    void fail(String why) {
        release(why);
    }

    private void release(String why) {
        List<Runnable> go;
        synchronized (this) {
            if (open || failure != null) {
                return;
            }
            if (why == null) {
                open = true;
            } else {
                failure = why;
            }
            go = new ArrayList<>(waiting);
            waiting.clear();
        }
        go.forEach(Runnable::run);
    }

    private static void refuse(HttpServerRequest req, String why) {
        req.response().setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
                .putHeader("connection", "close").end("Ledge: " + why + "\n");
    }
}
