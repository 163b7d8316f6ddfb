package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.session.AbiError;
import dev.ledge.session.Session;
import dev.ledge.stores.ConfigStore;
import dev.ledge.stores.ConfigStores;
import java.nio.charset.StandardCharsets;

/**
 * {@code fastly_config_store}: read-only string maps from fastly.toml. Shares its implementation
 * and its handles with {@code fastly_dictionary} ({@link DictionaryCalls}), as Fastly's local tool
 * does: a handle from either API works with the other.
 */
final class ConfigStoreCalls {
    static final String M = "fastly_config_store";

    private ConfigStoreCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "open", i32s(3), ConfigStoreCalls::open);
        r.fn(M, "get", i32s(6), ConfigStoreCalls::get);
    }

    /** open(name_ptr, name_len, handle_out): badf when no store has that name. */
    static int open(Session s, long[] a) {
        String name = s.memory().readUtf8((int) a[0], (int) a[1], "store name");
        s.memory().check((int) a[2], 4, "store handle out");
        ConfigStore store = s.resource(ConfigStores.class).find(name);
        if (store == null) {
            throw AbiError.badf("no config store or dictionary named '" + name + "'");
        }
        s.memory().writeU32((int) a[2], s.handles().add(store), "store handle out");
        return 0;
    }

    /** get(h, key_ptr, key_len, value_ptr, value_max_len, nwritten_out): none when absent, buflen when short. */
    static int get(Session s, long[] a) {
        ConfigStore store = s.handles().get((int) a[0], ConfigStore.class);
        String key = s.memory().readUtf8((int) a[1], (int) a[2], "key");
        String value = store.get(key);
        if (value == null) {
            throw AbiError.none("no entry '" + key + "' in '" + store.name() + "'");
        }
        s.memory().writeSized(value.getBytes(StandardCharsets.UTF_8), (int) a[3], (int) a[4], (int) a[5]);
        return 0;
    }
}
