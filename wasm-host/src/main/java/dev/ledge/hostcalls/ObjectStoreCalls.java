package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.hostcalls.KvHandles.OpenObjectStore;
import dev.ledge.hostcalls.KvHandles.PendingObjectDelete;
import dev.ledge.hostcalls.KvHandles.PendingObjectInsert;
import dev.ledge.hostcalls.KvHandles.PendingObjectLookup;
import dev.ledge.kv.InsertOptions;
import dev.ledge.kv.KvError;
import dev.ledge.kv.KvStore;
import dev.ledge.kv.KvStoreException;
import dev.ledge.kv.KvValue;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;

/**
 * {@code fastly_object_store}: the first KV store API, kept for older SDKs, on the same stores as
 * {@code fastly_kv_store}. A missing key is ok with the invalid handle 0xFFFFFFFE; inserts replace
 * the value (without metadata or expiry); deleting a missing key succeeds.
 */
final class ObjectStoreCalls {
    static final String M = "fastly_object_store";

    private ObjectStoreCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "open", i32s(3), (s, a) -> {
            KvStore store = KvCallSupport.storeNamed(s, (int) a[0], (int) a[1]);
            s.memory().check((int) a[2], 4, "store_handle_out");
            s.memory().writeU32((int) a[2], s.handles().add(new OpenObjectStore(store)), "store_handle_out");
            return 0;
        });
        r.fn(M, "lookup", i32s(4), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            s.memory().check((int) a[3], 4, "body_handle_out");
            giveValue(s, lookup(store, key), (int) a[3]);
            return 0;
        });
        r.fn(M, "lookup_async", i32s(4), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            s.memory().check((int) a[3], 4, "pending_handle_out");
            s.memory().writeU32((int) a[3], s.handles().add(lookup(store, key)), "pending_handle_out");
            return 0;
        });
        r.fn(M, "pending_lookup_wait", i32s(2), (s, a) -> {
            s.handles().get((int) a[0], PendingObjectLookup.class);
            s.memory().check((int) a[1], 4, "body_handle_out");
            giveValue(s, s.handles().take((int) a[0], PendingObjectLookup.class), (int) a[1]);
            return 0;
        });
        r.fn(M, "insert", i32s(4), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            KvCallSupport.checkValueBody(s, (int) a[3]);
            KvError e = insert(s, store, key, (int) a[3]);
            if (e == KvError.INTERNAL_ERROR) {
                throw new AbiError(Status.ERROR, "the insert failed inside the store");
            }
            if (e != KvError.OK) {
                throw AbiError.inval("the insert was refused: " + e);
            }
            return 0;
        });
        r.fn(M, "insert_async", i32s(5), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            KvCallSupport.checkValueBody(s, (int) a[3]);
            s.memory().check((int) a[4], 4, "pending_handle_out");
            PendingObjectInsert p = new PendingObjectInsert(insert(s, store, key, (int) a[3]));
            s.memory().writeU32((int) a[4], s.handles().add(p), "pending_handle_out");
            return 0;
        });
        r.fn(M, "pending_insert_wait", i32s(1), (s, a) -> {
            KvError e = s.handles().take((int) a[0], PendingObjectInsert.class).error();
            if (e != KvError.OK) {
                throw new AbiError(Status.ERROR, "the insert failed: " + e);
            }
            return 0;
        });
        r.fn(M, "delete_async", i32s(4), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            s.memory().check((int) a[3], 4, "pending_handle_out");
            KvError outcome;
            try {
                store.delete(key);
                outcome = KvError.OK;
            } catch (KvStoreException e) {
                outcome = e.error() == KvError.NOT_FOUND ? KvError.OK : e.error();
            }
            s.memory().writeU32((int) a[3], s.handles().add(new PendingObjectDelete(outcome)), "pending_handle_out");
            return 0;
        });
        r.fn(M, "pending_delete_wait", i32s(1), (s, a) -> {
            KvError e = s.handles().take((int) a[0], PendingObjectDelete.class).error();
            if (e != KvError.OK) {
                throw new AbiError(Status.ERROR, "the delete failed: " + e);
            }
            return 0;
        });
    }

    private static KvStore store(Session s, int handle) {
        return s.handles().get(handle, OpenObjectStore.class).store();
    }

    private static PendingObjectLookup lookup(KvStore store, String key) {
        try {
            return new PendingObjectLookup(store.lookup(key), KvError.OK);
        } catch (KvStoreException e) {
            return new PendingObjectLookup(null, e.error());
        }
    }

    /** Writes a body with the value, or the invalid handle for a missing key; other failures are errors. */
    private static void giveValue(Session s, PendingObjectLookup p, int bodyOut) throws InterruptedException {
        if (p.error() == KvError.NOT_FOUND) {
            s.memory().writeU32(bodyOut, KvCallSupport.INVALID_HANDLE, "body_handle_out");
            return;
        }
        if (p.error() != KvError.OK) {
            throw new AbiError(Status.ERROR, "the lookup failed: " + p.error());
        }
        KvValue v = p.value();
        s.memory().writeU32(bodyOut, s.handles().add(KvCallSupport.bodyOf(v.value())), "body_handle_out");
    }

    private static KvError insert(Session s, KvStore store, String key, int body) throws InterruptedException {
        try {
            store.insert(key, KvCallSupport.takeValue(s, body), InsertOptions.overwrite());
            return KvError.OK;
        } catch (KvStoreException e) {
            return e.error();
        }
    }
}
