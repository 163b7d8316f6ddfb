package dev.ledge.kv;

/** How an insert combines with the value already stored (the ABI's {@code kv_insert_mode}). */
public enum InsertMode {
    OVERWRITE,
    ADD,
    APPEND,
    PREPEND;

    /** The mode with ABI code {@code code}, or {@code null} when there is none. */
    public static InsertMode ofCode(int code) {
        InsertMode[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
