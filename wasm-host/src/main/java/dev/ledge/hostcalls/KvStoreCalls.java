package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.hostcalls.KvHandles.OpenKvStore;
import dev.ledge.hostcalls.KvHandles.PendingKvDelete;
import dev.ledge.hostcalls.KvHandles.PendingKvInsert;
import dev.ledge.hostcalls.KvHandles.PendingKvList;
import dev.ledge.hostcalls.KvHandles.PendingKvLookup;
import dev.ledge.kv.InsertMode;
import dev.ledge.kv.InsertOptions;
import dev.ledge.kv.KvError;
import dev.ledge.kv.KvListing;
import dev.ledge.kv.KvStore;
import dev.ledge.kv.KvStoreException;
import dev.ledge.kv.KvValue;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/**
 * {@code fastly_kv_store}: opening KV stores, and lookups, inserts, deletes and listings. Each
 * operation runs when it is started and its outcome waits in a pending handle of its own kind
 * until the matching *_wait call collects it; store-side outcomes (not found, a failed
 * precondition, ...) come back as the kv_error next to an ok status.
 */
final class KvStoreCalls {
    static final String M = "fastly_kv_store";
    /** Listing size when the guest gives no limit. */
    static final int DEFAULT_LIST_LIMIT = 1000;
    private static final int LOOKUP_OPTIONS = 1;
    private static final int DELETE_OPTIONS = 1;
    private static final int INSERT_OPTIONS = 0x3F;
    private static final int INSERT_METADATA = 8;
    private static final int INSERT_TTL = 16;
    private static final int INSERT_IF_GENERATION_MATCH = 32;
    private static final int INSERT_CONFIG_SIZE = 32;
    private static final int LIST_OPTIONS = 0xF;
    private static final int LIST_CURSOR = 2;
    private static final int LIST_LIMIT = 4;
    private static final int LIST_PREFIX = 8;
    private static final int LIST_CONFIG_SIZE = 24;

    private KvStoreCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "open", i32s(3), (s, a) -> {
            KvStore store = KvCallSupport.storeNamed(s, (int) a[0], (int) a[1]);
            s.memory().check((int) a[2], 4, "store_handle_out");
            s.memory().writeU32((int) a[2], s.handles().add(new OpenKvStore(store)), "store_handle_out");
            return 0;
        });
        r.fn(M, "lookup", i32s(6), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            KvCallSupport.options((int) a[3], LOOKUP_OPTIONS, "kv_lookup_config_options");
            s.memory().check((int) a[5], 4, "handle_out");
            PendingKvLookup p;
            try {
                p = new PendingKvLookup(store.lookup(key), KvError.OK);
            } catch (KvStoreException e) {
                p = new PendingKvLookup(null, e.error());
            }
            s.memory().writeU32((int) a[5], s.handles().add(p), "handle_out");
            return 0;
        });
        r.fn(M, "lookup_wait", i32s(7), (s, a) -> lookupWait(s, a, false));
        r.fn(M, "lookup_wait_v2", i32s(7), (s, a) -> lookupWait(s, a, true));
        r.fn(M, "insert", i32s(7), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            int body = (int) a[3];
            KvCallSupport.checkValueBody(s, body);
            int mask = (int) a[4];
            KvCallSupport.options(mask, INSERT_OPTIONS, "kv_insert_config_options");
            InsertOptions opts = insertOptions(s.memory(), mask, (int) a[5]);
            s.memory().check((int) a[6], 4, "handle_out");
            KvError outcome;
            try {
                store.insert(key, KvCallSupport.takeValue(s, body), opts);
                outcome = KvError.OK;
            } catch (KvStoreException e) {
                outcome = e.error();
            }
            s.memory().writeU32((int) a[6], s.handles().add(new PendingKvInsert(outcome)), "handle_out");
            return 0;
        });
        r.fn(M, "insert_wait", i32s(2), (s, a) -> {
            s.handles().get((int) a[0], PendingKvInsert.class);
            s.memory().check((int) a[1], 4, "kv_error_out");
            KvError e = s.handles().take((int) a[0], PendingKvInsert.class).error();
            s.memory().writeU32((int) a[1], e.code(), "kv_error_out");
            return 0;
        });
        r.fn(M, "delete", i32s(6), (s, a) -> {
            KvStore store = store(s, (int) a[0]);
            String key = KvCallSupport.key(s, (int) a[1], (int) a[2]);
            KvCallSupport.options((int) a[3], DELETE_OPTIONS, "kv_delete_config_options");
            s.memory().check((int) a[5], 4, "handle_out");
            KvError outcome;
            try {
                store.delete(key);
                outcome = KvError.OK;
            } catch (KvStoreException e) {
                outcome = e.error();
            }
            s.memory().writeU32((int) a[5], s.handles().add(new PendingKvDelete(outcome)), "handle_out");
            return 0;
        });
        r.fn(M, "delete_wait", i32s(2), (s, a) -> {
            s.handles().get((int) a[0], PendingKvDelete.class);
            s.memory().check((int) a[1], 4, "kv_error_out");
            KvError e = s.handles().take((int) a[0], PendingKvDelete.class).error();
            s.memory().writeU32((int) a[1], e.code(), "kv_error_out");
            return 0;
        });
        r.fn(M, "list", i32s(4), KvStoreCalls::list);
        r.fn(M, "list_wait", i32s(3), (s, a) -> {
            PendingKvList p = s.handles().get((int) a[0], PendingKvList.class);
            GuestMemory m = s.memory();
            m.check((int) a[1], 4, "body_handle_out");
            m.check((int) a[2], 4, "kv_error_out");
            s.handles().take((int) a[0], PendingKvList.class);
            int body = p.error() == KvError.OK ? s.handles().add(KvCallSupport.bodyOf(p.json())) : KvCallSupport.INVALID_HANDLE;
            m.writeU32((int) a[1], body, "body_handle_out");
            m.writeU32((int) a[2], p.error().code(), "kv_error_out");
            return 0;
        });
    }

    private static KvStore store(Session s, int handle) {
        return s.handles().get(handle, OpenKvStore.class).store();
    }

    /**
     * Both lookup_wait versions: v2 writes the 64-bit generation, the first version a 32-bit 0.
     * When the metadata does not fit, the guest gets buflen with the length it needs, and the
     * lookup stays pending so that it can ask again with a larger buffer.
     */
    private static int lookupWait(Session s, long[] a, boolean v2) throws InterruptedException {
        int handle = (int) a[0];
        int bodyOut = (int) a[1];
        int metaBuf = (int) a[2];
        int metaCap = (int) a[3];
        int nwrittenOut = (int) a[4];
        int generationOut = (int) a[5];
        int errorOut = (int) a[6];
        PendingKvLookup p = s.handles().get(handle, PendingKvLookup.class);
        GuestMemory m = s.memory();
        m.check(bodyOut, 4, "body_handle_out");
        m.check(metaBuf, metaCap, "metadata_buf");
        m.check(nwrittenOut, 4, "nwritten_out");
        m.check(generationOut, v2 ? 8 : 4, "generation_out");
        m.check(errorOut, 4, "kv_error_out");
        if (p.error() != KvError.OK) {
            s.handles().take(handle, PendingKvLookup.class);
            m.writeU32(bodyOut, KvCallSupport.INVALID_HANDLE, "body_handle_out");
            m.writeU32(nwrittenOut, 0, "nwritten_out");
            m.writeU32(errorOut, p.error().code(), "kv_error_out");
            return 0;
        }
        KvValue v = p.value();
        if (Integer.toUnsignedLong(metaCap) < v.metadata().length) {
            m.writeU32(nwrittenOut, v.metadata().length, "nwritten_out");
            throw new AbiError(Status.BUFLEN, "metadata of " + v.metadata().length + " bytes does not fit in "
                    + Integer.toUnsignedString(metaCap));
        }
        s.handles().take(handle, PendingKvLookup.class);
        m.write(metaBuf, v.metadata(), "metadata_buf");
        m.writeU32(nwrittenOut, v.metadata().length, "nwritten_out");
        if (v2) {
            m.writeU64(generationOut, v.generation(), "generation_out");
        } else {
            m.writeU32(generationOut, 0, "generation_out");
        }
        m.writeU32(bodyOut, s.handles().add(KvCallSupport.bodyOf(v.value())), "body_handle_out");
        m.writeU32(errorOut, KvError.OK.code(), "kv_error_out");
        return 0;
    }

    /** Reads a kv_insert_config (see types.abi): mode always, the other fields when their bit is set. */
    private static InsertOptions insertOptions(GuestMemory m, int mask, int cfg) {
        m.check(cfg, INSERT_CONFIG_SIZE, "kv_insert_config");
        int modeCode = m.readU32(cfg, "kv_insert_config.mode");
        InsertMode mode = InsertMode.ofCode(modeCode);
        if (mode == null) {
            throw AbiError.inval("kv_insert_mode " + Integer.toUnsignedString(modeCode) + " does not exist");
        }
        byte[] metadata = null;
        if ((mask & INSERT_METADATA) != 0) {
            int ptr = m.readU32(cfg + 8, "kv_insert_config.metadata");
            int len = m.readU32(cfg + 12, "kv_insert_config.metadata_len");
            if (len == 0) {
                throw AbiError.inval("the metadata option is set but the metadata is empty");
            }
            metadata = m.read(ptr, len, "metadata");
        }
        Long ttl = (mask & INSERT_TTL) != 0 ? Integer.toUnsignedLong(m.readU32(cfg + 16, "kv_insert_config.time_to_live_sec")) : null;
        Long match = (mask & INSERT_IF_GENERATION_MATCH) != 0 ? m.readU64(cfg + 24, "kv_insert_config.if_generation_match") : null;
        return new InsertOptions(mode, metadata, ttl, match);
    }

    private static int list(Session s, long[] a) {
        KvStore store = store(s, (int) a[0]);
        int mask = (int) a[1];
        KvCallSupport.options(mask, LIST_OPTIONS, "kv_list_config_options");
        GuestMemory m = s.memory();
        int cfg = (int) a[2];
        m.check(cfg, LIST_CONFIG_SIZE, "kv_list_config");
        int mode = m.readU32(cfg, "kv_list_config.mode");
        if (mode != 0 && mode != 1) {
            throw AbiError.inval("kv_list_mode " + Integer.toUnsignedString(mode) + " does not exist");
        }
        String cursor = (mask & LIST_CURSOR) != 0 ? text(m, cfg + 4, "cursor") : null;
        long limit = DEFAULT_LIST_LIMIT;
        if ((mask & LIST_LIMIT) != 0) {
            limit = Integer.toUnsignedLong(m.readU32(cfg + 12, "kv_list_config.limit"));
            if (limit == 0) {
                throw AbiError.inval("a listing limit must be at least 1");
            }
        }
        String prefix = (mask & LIST_PREFIX) != 0 ? text(m, cfg + 16, "prefix") : null;
        m.check((int) a[3], 4, "handle_out");
        PendingKvList p;
        try {
            String after = cursor == null ? null : KvListing.keyOfCursor(cursor);
            KvStore.Page page = store.list(prefix, after, (int) Math.min(limit, Integer.MAX_VALUE));
            p = new PendingKvList(KvListing.json(page, limit, prefix), KvError.OK);
        } catch (KvStoreException e) {
            p = new PendingKvList(null, e.error());
        }
        m.writeU32((int) a[3], s.handles().add(p), "handle_out");
        return 0;
    }

    /** A (pointer, length) string field of a config record at {@code at}; inval when empty or not UTF-8. */
    private static String text(GuestMemory m, int at, String what) {
        int ptr = m.readU32(at, what);
        int len = m.readU32(at + 4, what + "_len");
        if (len == 0) {
            throw AbiError.inval("the " + what + " option is set but the " + what + " is empty");
        }
        return m.readUtf8(ptr, len, what);
    }
}
