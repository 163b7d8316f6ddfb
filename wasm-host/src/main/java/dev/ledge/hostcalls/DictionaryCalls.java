package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

/**
 * {@code fastly_dictionary}: the older name of config stores; the same stores, the same handles
 * and the same statuses as {@link ConfigStoreCalls}.
 */
final class DictionaryCalls {
    static final String M = "fastly_dictionary";

    private DictionaryCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "open", i32s(3), ConfigStoreCalls::open);
        r.fn(M, "get", i32s(6), ConfigStoreCalls::get);
    }
}
