package dev.ledge.cache;

import dev.ledge.http.Body;
import java.util.Arrays;
import java.util.List;

/**
 * One reader of an object: the body it reads from and the part of the object it wants,
 * {@code [start, end)} or the last {@code suffix} bytes once the length is known.
 * Ranges follow Fastly's local tool: without a known length (and without
 * always_use_requested_range), or when the range does not fit the length, the whole body is read.
 */
final class ObjectReader {
    private final Body body;
    private long start;
    private final long end;
    private final long suffix;

    private ObjectReader(Body body, long start, long end, long suffix) {
        this.body = body;
        this.start = start;
        this.end = end;
        this.suffix = suffix;
    }

    static ObjectReader open(ReadRange r, long length) {
        long from = r.from();
        long to = r.to();
        long open = Long.MAX_VALUE;
        if (r.isWhole() || length < 0 && !r.alwaysUseRequestedRange()) {
            return whole(length);
        }
        if (length < 0) {
            if (from < 0) {
                return to == 0 ? whole(-1) : new ObjectReader(Body.incoming(-1, null), 0, open, to);
            }
            long end = to < 0 || to == open ? open : to + 1;
            return new ObjectReader(Body.incoming(end == open ? -1 : end - from, null), from, end, -1);
        }
        boolean valid = from < 0 ? to >= 1 && to <= length : from < length && (to < 0 || to < length);
        if (!valid) {
            return whole(length);
        }
        long start = from < 0 ? length - to : from;
        long end = from >= 0 && to >= 0 ? to + 1 : length;
        return new ObjectReader(Body.incoming(end - start, null), start, end, -1);
    }

    private static ObjectReader whole(long length) {
        return new ObjectReader(Body.incoming(length, null), 0, Long.MAX_VALUE, -1);
    }

    Body body() {
        return body;
    }

    /** Feeds the part of the chunk at {@code offset} that falls in range; true once the reader has all it wants. */
    boolean offer(long offset, byte[] chunk) {
        if (suffix >= 0) {
            return false;
        }
        long from = Math.max(start, offset);
        long to = Math.min(end, offset + chunk.length);
        if (from < to) {
            body.offer(from == offset && to == offset + chunk.length ? chunk
                    : Arrays.copyOfRange(chunk, (int) (from - offset), (int) (to - offset)));
        }
        if (end != Long.MAX_VALUE && offset + chunk.length >= end) {
            body.finish();
            return true;
        }
        return false;
    }

    /** The writer finished: a suffix reader now knows where to start; every reader ends. */
    void complete(long size, List<byte[]> chunks) {
        if (suffix >= 0) {
            start = Math.max(0, size - suffix);
            long off = 0;
            for (byte[] c : chunks) {
                long from = Math.max(start, off);
                long to = off + c.length;
                if (from < to) {
                    body.offer(Arrays.copyOfRange(c, (int) (from - off), c.length));
                }
                off += c.length;
            }
        }
        body.finish();
    }

    void fail(String why) {
        body.fail(why);
    }
}
