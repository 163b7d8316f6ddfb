package dev.ledge.stores;

import java.util.Map;

/**
 * One configured config store (or edge dictionary, its older name): a read-only map of strings.
 * The same object answers both {@code fastly_config_store} and {@code fastly_dictionary}.
 */
public record ConfigStore(String name, Map<String, String> entries) {
    public ConfigStore {
        entries = Map.copyOf(entries);
    }

    /** The value under {@code key}, or {@code null}. */
    public String get(String key) {
        return entries.get(key);
    }
}
