package dev.ledge.http;

import java.util.ArrayDeque;

/**
 * A byte stream behind a body handle. Bytes are buffered in chunks; a source (the client's request
 * body) may still be adding bytes, and once a sink is attached (the body is being sent) everything
 * buffered and everything written later flows to the sink instead.
 *
 * <p>Reads block the calling guest thread until bytes arrive or the source ends.
 */
public final class Body implements AsyncItem {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private boolean complete;
    private String failure;
    private long declaredLength = -1;
    private BodySink sink;
    private boolean sinkEnded;
    private FlowControl flow;

    /** Pause and resume hooks for a source that should stop while the buffer is full. */
    public record FlowControl(long highWater, Runnable pause, Runnable resume) {
    }

    private boolean paused;
    private boolean awaitingSink;
    private boolean closeRequested;
    private final ReadyListeners ready = new ReadyListeners();
    /** Trailer fields: added by the guest (trailer_append) or arrived after a backend's body. */
    private final HeaderMap trailers = new HeaderMap();

    /** An empty body to which the guest writes; complete until a source says otherwise. */
    public Body() {
        this.complete = true;
    }

    /** A body that a source fills; {@code declaredLength} is the Content-Length or -1. */
    public static Body incoming(long declaredLength, FlowControl flow) {
        Body b = new Body();
        b.complete = false;
        b.declaredLength = declaredLength;
        b.flow = flow;
        return b;
    }

    // ---- source side (event loop) ----

    /** Adds bytes arriving from the source. */
    public synchronized void offer(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (sink != null) {
            sink.write(bytes);
            if (flow != null && !paused && sink.isFull()) {
                // Piping to a slow peer: stop the source until the sink's queue drains.
                paused = true;
                flow.pause().run();
                BodySink s = sink;
                s.onDrain(this::resumeAfterDrain);
            }
            return;
        }
        chunks.addLast(bytes);
        buffered += bytes.length;
        if (flow != null && !paused && buffered > flow.highWater()) {
            paused = true;
            flow.pause().run();
        }
        notifyAll();
        fireReady();
    }

    private void resumeAfterDrain() {
        synchronized (this) {
            if (!paused) {
                return;
            }
            paused = false;
        }
        flow.resume().run();
    }

    private void fireReady() {
        // Callers hold this body's lock; listeners may take other locks, so they run elsewhere.
        if (ready.hasWaiting()) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(ready::fire);
        }
    }

    @Override
    public synchronized boolean isReady() {
        return buffered > 0 || complete || sink != null;
    }

    @Override
    public void onReady(Runnable action) {
        ready.add(action);
        if (isReady()) {
            ready.fire();
        }
    }

    /** The source has delivered everything. */
    public synchronized void finish() {
        complete = true;
        if (sink != null && !sinkEnded) {
            sinkEnded = true;
            endSink(sink);
        }
        notifyAll();
        fireReady();
    }

    /** The source broke off (the client went away); readers get an error. */
    public synchronized void fail(String why) {
        failure = why;
        complete = true;
        if (sink != null && !sinkEnded) {
            sinkEnded = true;
            sink.abort();
        }
        notifyAll();
        fireReady();
    }

    // ---- guest side ----

    /**
     * Reads up to {@code max} bytes, waiting until some arrive; an empty array means the body ended.
     *
     * @throws BodyException when the source failed or the body is being sent
     */
    public byte[] read(int max) throws InterruptedException {
        synchronized (this) {
            if (sink != null) {
                throw new BodyException("body is streaming out and cannot be read");
            }
            while (buffered == 0 && !complete) {
                wait();
            }
            if (buffered == 0 && failure != null) {
                throw new BodyException(failure);
            }
            int n = (int) Math.min(max, buffered);
            byte[] out = new byte[n];
            int pos = 0;
            while (pos < n) {
                byte[] head = chunks.peekFirst();
                int take = Math.min(n - pos, head.length - headOffset);
                System.arraycopy(head, headOffset, out, pos, take);
                pos += take;
                headOffset += take;
                if (headOffset == head.length) {
                    chunks.removeFirst();
                    headOffset = 0;
                }
            }
            buffered -= n;
            if (paused && buffered < flow.highWater() / 4) {
                paused = false;
                flow.resume().run();
            }
            return out;
        }
    }

    /** Appends bytes at the end (or sends them, when streaming). */
    public void writeBack(byte[] bytes) throws InterruptedException {
        BodySink s;
        synchronized (this) {
            if (sinkEnded) {
                throw new BodyException("body has already been finished");
            }
            s = sink;
            if (s == null) {
                if (bytes.length > 0) {
                    chunks.addLast(bytes);
                    buffered += bytes.length;
                    notifyAll();
                }
                return;
            }
            s.write(bytes);
        }
        s.awaitWritable();
    }

    /** Puts bytes before everything buffered; not possible once streaming. */
    public synchronized void writeFront(byte[] bytes) {
        if (sink != null) {
            throw new BodyException("cannot write to the front of a streaming body");
        }
        if (bytes.length == 0) {
            return;
        }
        if (headOffset > 0) {
            byte[] head = chunks.removeFirst();
            chunks.addFirst(java.util.Arrays.copyOfRange(head, headOffset, head.length));
            headOffset = 0;
        }
        chunks.addFirst(bytes);
        buffered += bytes.length;
        notifyAll();
    }

    /** Moves everything {@code src} holds and will receive to the end of this body. */
    public void appendFrom(Body src) throws InterruptedException {
        if (src == this) {
            throw new BodyException("cannot append a body to itself");
        }
        while (true) {
            byte[] b = src.read(64 * 1024);
            if (b.length == 0) {
                return;
            }
            writeBack(b);
        }
    }

    /** The length when it is known: all bytes buffered and the source done, or a declared length. */
    public synchronized long knownLength() {
        if (sink != null) {
            return -1;
        }
        if (complete && failure == null) {
            return buffered;
        }
        return declaredLength;
    }

    /** Whether every byte is here (nothing more will arrive from a source). */
    public synchronized boolean isComplete() {
        return complete;
    }

    /** Takes all buffered bytes when the body is complete; for the fast send path. */
    public synchronized byte[] drainIfComplete() {
        if (!complete || failure != null || sink != null) {
            return null;
        }
        byte[] out = new byte[(int) buffered];
        int pos = 0;
        for (byte[] c : chunks) {
            int off = pos == 0 ? headOffset : 0;
            System.arraycopy(c, off, out, pos, c.length - off);
            pos += c.length - off;
        }
        chunks.clear();
        headOffset = 0;
        buffered = 0;
        return out;
    }

    /**
     * Starts sending: everything buffered goes to {@code s}, and so does everything written or
     * arriving later. If the source is already done and {@code endWhenComplete}, the sink is ended.
     */
    public synchronized void attachSink(BodySink s, boolean endWhenComplete) {
        if (sink != null) {
            throw new BodyException("body is already being sent");
        }
        while (!chunks.isEmpty()) {
            byte[] c = chunks.removeFirst();
            if (headOffset > 0) {
                c = java.util.Arrays.copyOfRange(c, headOffset, c.length);
                headOffset = 0;
            }
            s.write(c);
        }
        buffered = 0;
        sink = s;
        if (paused) {
            paused = false;
            flow.resume().run();
        }
        if (closeRequested && !sinkEnded) {
            sinkEnded = true;
            endSink(s);
            return;
        }
        if (endWhenComplete && complete) {
            sinkEnded = true;
            if (failure != null) {
                s.abort();
            } else {
                endSink(s);
            }
        }
    }

    /** Ends {@code s}, handing it the trailers first when there are any. */
    private void endSink(BodySink s) {
        if (trailers.fieldCount() > 0) {
            s.trailers(trailers.copy());
        }
        s.end();
    }

    /** Adds a trailer field to a body still being written (trailer_append). */
    public synchronized void appendTrailer(String name, byte[] value) {
        if (sinkEnded) {
            throw new BodyException("the body has ended; trailers can no longer be added");
        }
        trailers.append(name, value);
    }

    /** Records the trailers that followed a backend's body; call before {@link #finish}. */
    public synchronized void receiveTrailers(HeaderMap fields) {
        for (String name : fields.names()) {
            for (byte[] v : fields.values(name)) {
                trailers.append(name, v);
            }
        }
    }

    /** The trailers once the whole body has arrived and been read; null before that. */
    public synchronized HeaderMap trailersIfKnown() {
        return complete && chunks.isEmpty() ? trailers.copy() : null;
    }

    /** Bytes held in the host's buffer right now (not yet read or sent). */
    public synchronized long bufferedBytes() {
        return buffered;
    }

    /** Whether a sink is attached (the body is streaming out). */
    public synchronized boolean isStreaming() {
        return sink != null;
    }

    /**
     * Announces that a sink will be attached shortly (a streaming send whose connection is still
     * being opened): until then writes are kept and a close is remembered, not discarded.
     */
    public synchronized void expectSink() {
        awaitingSink = true;
    }

    /** Closes the body: a streaming body ends successfully; a buffered one is discarded. */
    public synchronized void close() {
        if (sink == null && awaitingSink) {
            closeRequested = true;
            complete = true;
            return;
        }
        if (sink != null) {
            if (!sinkEnded) {
                sinkEnded = true;
                endSink(sink);
            }
            return;
        }
        chunks.clear();
        buffered = 0;
        headOffset = 0;
        if (paused) {
            paused = false;
            flow.resume().run();
        }
    }

    /** Ends a streaming body unsuccessfully; a buffered one is discarded. */
    public synchronized void abandon() {
        awaitingSink = false;
        if (sink != null && !sinkEnded) {
            sinkEnded = true;
            sink.abort();
            return;
        }
        close();
    }

    /** Whether a streaming body was finished (closed or abandoned). */
    public synchronized boolean isFinished() {
        return sinkEnded;
    }
}
