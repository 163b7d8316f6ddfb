package dev.ledge.cache.http;

/** What to do with a backend response, as http_storage_action numbers it. */
public enum StorageAction {
    INSERT, UPDATE, DO_NOT_STORE, RECORD_UNCACHEABLE;

    public int code() {
        return ordinal();
    }
}
