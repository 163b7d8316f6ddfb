package dev.ledge.session;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A guest's stdout or stderr: split into lines and handed to a {@link GuestLog}. Long lines are
 * split at {@value #MAX_LINE} bytes and output past {@code limit} bytes per request is dropped
 * with one line saying so, so that a chatty guest cannot fill the host's memory.
 */
public final class GuestOutput extends OutputStream {
    static final int MAX_LINE = 8192;

    private final String requestId;
    private final String source;
    private final GuestLog log;
    private final long limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long total;
    private boolean truncated;

    public GuestOutput(String requestId, String source, GuestLog log, long limit) {
        this.requestId = requestId;
        this.source = source;
        this.log = log;
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (truncated) {
            return;
        }
        if (total + len > limit) {
            len = (int) Math.max(0, limit - total);
            truncated = true;
        }
        total += len;
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                append(b, start, i);
                emit();
                start = i + 1;
            }
        }
        append(b, start, end);
        if (truncated) {
            emit();
            log.line(requestId, source, "[ledge: output past " + limit + " bytes dropped]");
        }
    }

    /** Adds bytes {@code from..to} to the current line, emitting it at every {@value #MAX_LINE} bytes. */
    private void append(byte[] b, int from, int to) {
        while (from < to) {
            int n = Math.min(to - from, MAX_LINE - line.size());
            line.write(b, from, n);
            from += n;
            if (line.size() >= MAX_LINE) {
                emit();
            }
        }
    }

    private void emit() {
        if (line.size() > 0) {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            log.line(requestId, source, s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
        }
    }

    /** Emits a last unterminated line. */
    @Override
    public synchronized void flush() {
        emit();
    }

    @Override
    public void close() {
        flush();
    }
}
