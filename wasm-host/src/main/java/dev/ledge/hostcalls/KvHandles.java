package dev.ledge.hostcalls;

import dev.ledge.kv.KvError;
import dev.ledge.kv.KvStore;
import dev.ledge.kv.KvValue;

/**
 * The handle kinds of the KV store and object store hostcalls. Each is its own kind in the
 * session's handle table, so passing one where another is expected is {@code badf}.
 */
final class KvHandles {
    private KvHandles() {
    }

    /** An open KV store (a kv_store_handle). */
    record OpenKvStore(KvStore store) {
    }

    /** A KV lookup that has run, waiting for lookup_wait: the value, or why there is none. */
    record PendingKvLookup(KvValue value, KvError error) implements dev.ledge.http.CompletedItem {
    }

    /** A KV insert that has run, waiting for insert_wait to report how it went. */
    record PendingKvInsert(KvError error) implements dev.ledge.http.CompletedItem {
    }

    /** A KV delete that has run, waiting for delete_wait to report how it went. */
    record PendingKvDelete(KvError error) implements dev.ledge.http.CompletedItem {
    }

    /** A KV listing that has run, waiting for list_wait: the JSON page, or why there is none. */
    record PendingKvList(byte[] json, KvError error) implements dev.ledge.http.CompletedItem {
    }

    /** A KV store opened through the old object-store API (an object_store_handle). */
    record OpenObjectStore(KvStore store) {
    }

    /** An object-store lookup that has run, waiting for pending_lookup_wait. */
    record PendingObjectLookup(KvValue value, KvError error) implements dev.ledge.http.CompletedItem {
    }

    /** An object-store insert that has run, waiting for pending_insert_wait. */
    record PendingObjectInsert(KvError error) implements dev.ledge.http.CompletedItem {
    }

    /** An object-store delete that has run, waiting for pending_delete_wait. */
    record PendingObjectDelete(KvError error) implements dev.ledge.http.CompletedItem {
    }
}
