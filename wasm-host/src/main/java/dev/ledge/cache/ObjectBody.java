package dev.ledge.cache;

import dev.ledge.http.Body;
import dev.ledge.http.BodySink;
import java.util.ArrayList;

/**
 * The bytes of one cached object. Its writer is the guest's insert body (this is that body's
 * sink); every reader gets a body of its own, fed at once with the bytes already here and then
 * with each write as it arrives, so an object can be read while it is still being written.
 * All state is guarded by the store's lock.
 */
final class ObjectBody implements BodySink {
    private final CoreCache store;
    private final long declaredLength;
    private final ArrayList<byte[]> chunks = new ArrayList<>();
    private final ArrayList<ObjectReader> readers = new ArrayList<>();
    private long size;
    private boolean complete;
    private String failure;
    /** The stored object this body is counted for, while it is stored. */
    CachedObject owner;

    ObjectBody(CoreCache store, long declaredLength) {
        this.store = store;
        this.declaredLength = declaredLength;
    }

    /** A complete, empty body (for hit-for-pass records). */
    static ObjectBody empty(CoreCache store) {
        ObjectBody b = new ObjectBody(store, 0);
        b.complete = true;
        return b;
    }

    /** Bytes held now. */
    long size() {
        synchronized (store.lock) {
            return size;
        }
    }

    /** The length when known: every byte is here, or the writer declared it; else -1. */
    long knownLength() {
        synchronized (store.lock) {
            if (complete && failure == null) {
                return size;
            }
            return failure == null ? declaredLength : -1;
        }
    }

    @Override
    public void write(byte[] bytes) {
        synchronized (store.lock) {
            if (complete || bytes.length == 0) {
                return;
            }
            if (declaredLength >= 0 && size + bytes.length > declaredLength) {
                fail("the object got more bytes than its declared length of " + declaredLength);
                return;
            }
            if (size + bytes.length > store.maxBytes()) {
                fail("the object is larger than the whole cache (" + store.maxBytes() + " bytes)");
                return;
            }
            long offset = size;
            chunks.add(bytes);
            size += bytes.length;
            readers.removeIf(r -> r.offer(offset, bytes));
            store.bodyGrew(this, bytes.length);
        }
    }

    @Override
    public void end() {
        synchronized (store.lock) {
            if (complete) {
                return;
            }
            if (declaredLength >= 0 && size != declaredLength) {
                fail("the object ended after " + size + " of its declared " + declaredLength + " bytes");
                return;
            }
            complete = true;
            for (ObjectReader r : readers) {
                r.complete(size, chunks);
            }
            readers.clear();
        }
    }

    @Override
    public void abort() {
        synchronized (store.lock) {
            if (!complete) {
                fail("the object's writer abandoned it");
            }
        }
    }

    private void fail(String why) {
        long freed = size;
        complete = true;
        failure = why;
        chunks.clear();
        chunks.trimToSize();
        size = 0;
        for (ObjectReader r : readers) {
            r.fail(why);
        }
        readers.clear();
        store.bodyFailed(this, freed);
    }

    /** A new body that reads {@code range} of the object, now and as it arrives. */
    Body openReader(ReadRange range) {
        synchronized (store.lock) {
            ObjectReader r = ObjectReader.open(range, knownLength());
            if (failure != null) {
                r.fail(failure);
                return r.body();
            }
            long off = 0;
            for (byte[] c : chunks) {
                if (r.offer(off, c)) {
                    return r.body();
                }
                off += c.length;
            }
            if (complete) {
                r.complete(size, chunks);
            } else {
                readers.add(r);
            }
            return r.body();
        }
    }
}
