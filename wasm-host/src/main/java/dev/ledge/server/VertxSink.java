package dev.ledge.server;

import dev.ledge.http.BodyException;
import dev.ledge.http.BodySink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends body bytes to the client through Vert.x. Every write is handed to the connection's event
 * loop in order; a guest thread that writes faster than the client reads waits in
 * {@link #awaitWritable()} once more than {@value #HIGH_WATER} bytes are queued.
 */
final class VertxSink implements BodySink {
    static final long HIGH_WATER = 1 << 20;

    private final HttpServerResponse response;
    private final Context context;
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean gone;

    VertxSink(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
        context.runOnContext(v -> response.closeHandler(x -> {
            gone = true;
            wake();
        }));
    }

    @Override
    public void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        queued.addAndGet(bytes.length);
        context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                queued.addAndGet(-bytes.length);
                wake();
                return;
            }
            response.write(Buffer.buffer(bytes)).onComplete(ar -> {
                queued.addAndGet(-bytes.length);
                if (ar.failed()) {
                    gone = true;
                }
                wake();
            });
        });
    }

    private synchronized void wake() {
        notifyAll();
    }

    @Override
    public void awaitWritable() throws InterruptedException {
        synchronized (this) {
            while (queued.get() > HIGH_WATER && !gone) {
                wait(100);
            }
        }
        if (gone) {
            throw new BodyException("the client closed the connection");
        }
    }

    @Override
    public void end() {
        context.runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    @Override
    public void abort() {
        context.runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
        });
    }
}
