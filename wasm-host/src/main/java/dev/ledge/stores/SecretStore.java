package dev.ledge.stores;

import java.util.Map;

/** One configured secret store: named secrets, read once from fastly.toml. */
public record SecretStore(String name, Map<String, Secret> secrets) {
    public SecretStore {
        secrets = Map.copyOf(secrets);
    }

    /** The secret called {@code key}, or {@code null}. */
    public Secret find(String key) {
        return secrets.get(key);
    }
}
