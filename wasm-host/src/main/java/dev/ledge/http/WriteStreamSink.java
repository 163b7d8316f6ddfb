package dev.ledge.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Sends body bytes to a Vert.x write stream (the client's response, or a request to a backend).
 * Every write is handed to the stream's event loop in order; a guest thread that writes faster
 * than the peer reads waits in {@link #awaitWritable()}, and a source piped into this sink pauses
 * while more than {@value #HIGH_WATER} bytes are queued.
 */
public final class WriteStreamSink implements BodySink {
    private volatile java.util.function.Consumer<HeaderMap> trailerWriter;
    static final long HIGH_WATER = 1 << 20;

    private final WriteStream<Buffer> stream;
    private final Context context;
    private final BooleanSupplier done;
    private final Runnable reset;
    private final AtomicLong queued = new AtomicLong();
    private final List<Runnable> drainActions = new ArrayList<>();
    private volatile boolean gone;

    /**
     * @param done whether the stream can no longer take bytes (ended or closed)
     * @param reset how to cut the stream off so the peer sees it incomplete
     */
    public WriteStreamSink(WriteStream<Buffer> stream, Context context, BooleanSupplier done, Runnable reset) {
        this.stream = stream;
        this.context = context;
        this.done = done;
        this.reset = reset;
    }

    /** Marks the peer as gone (its connection closed); waiting writers stop waiting. */
    public void peerGone() {
        gone = true;
        wake();
    }

    @Override
    public void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        queued.addAndGet(bytes.length);
        context.runOnContext(v -> {
            if (done.getAsBoolean()) {
                queued.addAndGet(-bytes.length);
                wake();
                return;
            }
            stream.write(Buffer.buffer(bytes)).onComplete(ar -> {
                queued.addAndGet(-bytes.length);
                if (ar.failed()) {
                    gone = true;
                }
                wake();
            });
        });
    }

    private void wake() {
        List<Runnable> run = null;
        synchronized (this) {
            notifyAll();
            if (!drainActions.isEmpty() && (queued.get() <= HIGH_WATER / 2 || gone)) {
                run = new ArrayList<>(drainActions);
                drainActions.clear();
            }
        }
        if (run != null) {
            run.forEach(Runnable::run);
        }
    }

    @Override
    public void awaitWritable() throws InterruptedException {
        synchronized (this) {
            while (queued.get() > HIGH_WATER && !gone) {
                wait(100);
            }
        }
        if (gone) {
            throw new BodyException("the peer closed the connection");
        }
    }

    @Override
    public boolean isFull() {
        return queued.get() > HIGH_WATER;
    }

    @Override
    public void onDrain(Runnable action) {
        synchronized (this) {
            if (queued.get() > HIGH_WATER / 2 && !gone) {
                drainActions.add(action);
                return;
            }
        }
        action.run();
    }

    /** Makes {@link #trailers} send trailer fields through {@code writer} (on the context). */
    public void trailerWriter(java.util.function.Consumer<HeaderMap> writer) {
        this.trailerWriter = writer;
    }

    @Override
    public void trailers(HeaderMap fields) {
        java.util.function.Consumer<HeaderMap> w = trailerWriter;
        if (w != null) {
            context.runOnContext(v -> {
                if (!done.getAsBoolean()) {
                    w.accept(fields);
                }
            });
        }
    }

    @Override
    public void end() {
        context.runOnContext(v -> {
            if (!done.getAsBoolean()) {
                stream.end();
            }
        });
    }

    @Override
    public void abort() {
        context.runOnContext(v -> {
            if (!done.getAsBoolean()) {
                reset.run();
            }
        });
    }
}
