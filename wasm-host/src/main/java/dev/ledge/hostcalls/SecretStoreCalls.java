package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.session.AbiError;
import dev.ledge.stores.Secret;
import dev.ledge.stores.SecretStore;
import dev.ledge.stores.SecretStores;

/**
 * {@code fastly_secret_store}: named secrets from fastly.toml, handed to the guest as opaque
 * secret handles whose bytes it reads with {@code plaintext}; {@code from_bytes} wraps guest bytes.
 */
final class SecretStoreCalls {
    static final String M = "fastly_secret_store";

    private SecretStoreCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "open", i32s(3), (s, a) -> {
            String name = s.memory().readUtf8((int) a[0], (int) a[1], "store name");
            s.memory().check((int) a[2], 4, "store handle out");
            SecretStore store = s.resource(SecretStores.class).find(name);
            if (store == null) {
                throw AbiError.none("no secret store named '" + name + "'");
            }
            s.memory().writeU32((int) a[2], s.handles().add(store), "store handle out");
            return 0;
        });
        r.fn(M, "get", i32s(4), (s, a) -> {
            SecretStore store = s.handles().get((int) a[0], SecretStore.class);
            String key = s.memory().readUtf8((int) a[1], (int) a[2], "secret name");
            s.memory().check((int) a[3], 4, "secret handle out");
            Secret secret = store.find(key);
            if (secret == null) {
                throw AbiError.none("no secret '" + key + "' in secret store '" + store.name() + "'");
            }
            s.memory().writeU32((int) a[3], s.handles().add(secret), "secret handle out");
            return 0;
        });
        r.fn(M, "plaintext", i32s(4), (s, a) -> {
            Secret secret = s.handles().get((int) a[0], Secret.class);
            s.memory().writeSized(secret.plaintext(), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        r.fn(M, "from_bytes", i32s(3), (s, a) -> {
            byte[] bytes = s.memory().read((int) a[0], (int) a[1], "buf");
            s.memory().check((int) a[2], 4, "secret handle out");
            s.memory().writeU32((int) a[2], s.handles().add(new Secret(bytes)), "secret handle out");
            return 0;
        });
    }
}
