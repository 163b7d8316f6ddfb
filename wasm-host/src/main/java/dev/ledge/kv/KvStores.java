package dev.ledge.kv;

import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The KV stores of one service, as fastly.toml names them, each kept on disk under
 * {@code <data dir>/kv/<store name>/} so that what guests write outlives a restart. At start the
 * entries fastly.toml gives are written over what is on disk for those keys (fastly.toml wins);
 * every other key keeps its stored value. The {@code fastly_kv_store} and {@code fastly_object_store}
 * hostcalls open stores here by name.
 */
public final class KvStores implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge.kv");
    /** Longest store name, in characters (Fastly's limit). */
    public static final int MAX_NAME = 255;

    private final Map<String, KvStore> stores;

    private KvStores(Map<String, KvStore> stores) {
        this.stores = stores;
    }

    /** Reads fastly.toml's KV stores and puts them into the service's resources (none when unconfigured). */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(KvStores.class, open(toml, host.dataDir().resolve("kv"), System::currentTimeMillis));
    }

    /** Opens the stores fastly.toml describes under {@code kvDir}, seeding them; {@code clock} gives epoch ms. */
    public static KvStores open(FastlyToml toml, Path kvDir, LongSupplier clock) {
        KvStoreConfig.Stores config = KvStoreConfig.read(toml);
        Map<String, KvStore> opened = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<KvSeed>> e : config.seeds().entrySet()) {
                String name = e.getKey();
                Path dir = kvDir.resolve(directoryName(name));
                KvStore store;
                try {
                    store = KvStore.open(name, dir, clock);
                } catch (IOException ex) {
                    throw toml.error(config.table(), name, "cannot open its data in " + dir + ": " + ex.getMessage());
                }
                opened.put(name, store);
                for (KvSeed seed : e.getValue()) {
                    try {
                        store.seed(seed);
                    } catch (IOException ex) {
                        throw toml.error(config.table() + "." + name, seed.key(), "cannot store it in " + dir + ": " + ex.getMessage());
                    }
                }
                LOG.fine("KV store '" + name + "': " + store.size() + " keys in " + dir);
            }
        } catch (RuntimeException ex) {
            opened.values().forEach(KvStore::close);
            throw ex;
        }
        return new KvStores(opened);
    }

    /** The store called {@code name}, or {@code null} when fastly.toml does not name one. */
    public KvStore get(String name) {
        return stores.get(name);
    }

    public Set<String> names() {
        return stores.keySet();
    }

    /** Why {@code name} cannot name a store, or {@code null} when it can. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "a KV store name cannot be empty";
        }
        if (name.length() > MAX_NAME) {
            return "a KV store name cannot be longer than " + MAX_NAME + " characters";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "a KV store name cannot contain control characters";
        }
        return null;
    }

    /**
     * The directory name for a store: the name itself when it is made of letters, digits, '-', '_'
     * and '.' (not leading), otherwise with every other byte written as %XX; long names are shortened
     * and made unique with a hash.
     */
    static String directoryName(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || (c == '.' && sb.length() > 0);
            if (plain) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        if (sb.length() > 120) {
            return sb.substring(0, 100) + "~" + KvStore.sha256(name).substring(0, 16);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        stores.values().forEach(KvStore::close);
    }
}
