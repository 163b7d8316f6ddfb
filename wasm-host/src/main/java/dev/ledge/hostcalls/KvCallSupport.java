package dev.ledge.hostcalls;

import dev.ledge.http.Body;
import dev.ledge.kv.KvError;
import dev.ledge.kv.KvKeys;
import dev.ledge.kv.KvStore;
import dev.ledge.kv.KvStoreException;
import dev.ledge.kv.KvStores;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;
import java.io.ByteArrayOutputStream;

/** What the {@code fastly_kv_store} and {@code fastly_object_store} hostcalls share: store names, keys and values. */
final class KvCallSupport {
    /** The guest SDKs' "no handle" value, written when a lookup finds nothing. */
    static final int INVALID_HANDLE = 0xFFFFFFFE;

    private KvCallSupport() {
    }

    /** The store whose name is at {@code ptr}; inval when the name is empty, not UTF-8 or unknown. */
    static KvStore storeNamed(Session s, int ptr, int len) {
        if (Integer.toUnsignedLong(len) > KvStores.MAX_NAME * 4L) {
            throw AbiError.inval("KV store name of " + Integer.toUnsignedString(len) + " bytes is too long");
        }
        String name = s.memory().readUtf8(ptr, len, "store name");
        if (name.isEmpty()) {
            throw AbiError.inval("empty KV store name");
        }
        KvStore store = s.resource(KvStores.class).get(name);
        if (store == null) {
            throw AbiError.inval("no KV store named '" + name + "' (see [local_server.kv_stores] in fastly.toml)");
        }
        return store;
    }

    /** The key at {@code ptr}; inval when it is not UTF-8 or not a valid key. */
    static String key(Session s, int ptr, int len) {
        if (Integer.toUnsignedLong(len) > KvKeys.MAX_KEY_BYTES) {
            s.memory().check(ptr, len, "key");
            throw AbiError.inval("a key cannot be longer than " + KvKeys.MAX_KEY_BYTES + " bytes");
        }
        String key = s.memory().readUtf8(ptr, len, "key");
        String problem = KvKeys.problem(key);
        if (problem != null) {
            throw AbiError.inval(problem);
        }
        return key;
    }

    /** Fails with badf unless {@code handle} is a body, and with inval when that body is streaming out. */
    static void checkValueBody(Session s, int handle) {
        if (s.handles().get(handle, Body.class).isStreaming()) {
            throw AbiError.inval("body " + handle + " is streaming out and cannot be stored");
        }
    }

    /** Takes the body and reads it whole; PAYLOAD_TOO_LARGE past the value limit (the rest is discarded). */
    static byte[] takeValue(Session s, int handle) throws InterruptedException, KvStoreException {
        Body body = s.handles().take(handle, Body.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] chunk = body.read(64 * 1024);
            if (chunk.length == 0) {
                return out.toByteArray();
            }
            if (out.size() + (long) chunk.length > KvStore.MAX_VALUE_BYTES) {
                body.close();
                throw new KvStoreException(KvError.PAYLOAD_TOO_LARGE, "a value cannot be larger than "
                        + KvStore.MAX_VALUE_BYTES + " bytes");
            }
            out.write(chunk, 0, chunk.length);
        }
    }

    /** A new complete body holding {@code bytes}. */
    static Body bodyOf(byte[] bytes) throws InterruptedException {
        Body b = new Body();
        b.writeBack(bytes);
        return b;
    }

    /** Fails with inval when {@code mask} has bits outside {@code known}. */
    static void options(int mask, int known, String what) {
        if ((mask & ~known) != 0) {
            throw AbiError.inval(what + " 0x" + Integer.toHexString(mask) + " has unknown bits");
        }
    }
}
