package dev.ledge.kv;

/** Outcome of a KV store operation, with the code the ABI's {@code kv_error} enum gives it. */
public enum KvError {
    UNINITIALIZED(0),
    OK(1),
    BAD_REQUEST(2),
    NOT_FOUND(3),
    PRECONDITION_FAILED(4),
    PAYLOAD_TOO_LARGE(5),
    INTERNAL_ERROR(6),
    TOO_MANY_REQUESTS(7);

    private final int code;

    KvError(int code) {
        this.code = code;
    }

    /** The value written to a guest's {@code kv_error_out}. */
    public int code() {
        return code;
    }
}
