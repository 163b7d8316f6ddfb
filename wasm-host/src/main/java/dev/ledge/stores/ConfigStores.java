package dev.ledge.stores;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's config stores, read once from {@code [local_server.config_stores]} and
 * {@code [local_server.dictionaries]}. As in Fastly's local tool the two tables are one namespace:
 * a store defined in either is reachable through either API.
 */
public final class ConfigStores {
    static final String[] TABLES = {"dictionaries", "config_stores"};
    private final Map<String, ConfigStore> byName;

    ConfigStores(Map<String, ConfigStore> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Puts the service's config stores (possibly none) into {@code b}. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(ConfigStores.class, read(toml));
    }

    /** Reads both tables; any malformed entry is a ConfigException naming file, table and key. */
    public static ConfigStores read(FastlyToml toml) {
        Map<String, ConfigStore> stores = new LinkedHashMap<>();
        Map<String, String> definedIn = new LinkedHashMap<>();
        for (String tableName : TABLES) {
            JsonNode table = toml.localServerTable(tableName);
            if (table == null) {
                continue;
            }
            String where = "local_server." + tableName;
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String earlier = definedIn.putIfAbsent(e.getKey(), where);
                if (earlier != null) {
                    throw toml.error(where, e.getKey(), "is already defined in [" + earlier
                            + "]; dictionaries and config stores share one set of names");
                }
                stores.put(e.getKey(), ConfigStoreReader.read(toml, where, e.getKey(), e.getValue()));
            }
        }
        return new ConfigStores(stores);
    }

    /** The store called {@code name}, or {@code null}. */
    public ConfigStore find(String name) {
        return byName.get(name);
    }

    /** Every configured store by name. */
    public Map<String, ConfigStore> all() {
        return byName;
    }
}
