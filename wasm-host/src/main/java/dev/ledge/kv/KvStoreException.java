package dev.ledge.kv;

/** A KV store operation that did not succeed, with the {@link KvError} the guest is told. */
public final class KvStoreException extends Exception {
    private final KvError error;

    public KvStoreException(KvError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public KvError error() {
        return error;
    }
}
