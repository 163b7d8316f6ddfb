package dev.ledge.stores;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A service's secret stores, read once from {@code [local_server.secret_stores]}. */
public final class SecretStores {
    static final String TABLE = "local_server.secret_stores";
    private final Map<String, SecretStore> byName;

    SecretStores(Map<String, SecretStore> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Puts the service's secret stores (possibly none) into {@code b}. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(SecretStores.class, read(toml));
    }

    /** Reads the table; any malformed entry is a ConfigException naming file, table and key. */
    public static SecretStores read(FastlyToml toml) {
        Map<String, SecretStore> stores = new LinkedHashMap<>();
        JsonNode table = toml.localServerTable("secret_stores");
        if (table != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                stores.put(e.getKey(), SecretStoreReader.read(toml, e.getKey(), e.getValue()));
            }
        }
        return new SecretStores(stores);
    }

    /** The store called {@code name}, or {@code null}. */
    public SecretStore find(String name) {
        return byName.get(name);
    }

    /** Every configured store by name. */
    public Map<String, SecretStore> all() {
        return byName;
    }
}
