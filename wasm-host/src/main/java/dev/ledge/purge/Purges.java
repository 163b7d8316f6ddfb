package dev.ledge.purge;

import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Surrogate-key purges of one service: each is logged with the request that asked for it, given
 * an id like Fastly's purge API gives, and passed to every registered {@link PurgeListener} (the
 * caches that hold the service's content).
 */
public final class Purges {
    /** Longest surrogate key Fastly accepts, in bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    private static final Logger LOG = Logger.getLogger("ledge.purge");
    private final List<PurgeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    /** Puts the service's purge dispatcher, with no listeners yet. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(Purges.class, new Purges());
    }

    /** Adds a cache to tell about purges. */
    public void addListener(PurgeListener listener) {
        listeners.add(listener);
    }

    /** Whether {@code key} is a surrogate key: 1..1024 printable ASCII characters (0x21..0x7E). */
    public static boolean isSurrogateKey(byte[] key) {
        if (key.length == 0 || key.length > MAX_KEY_BYTES) {
            return false;
        }
        for (byte b : key) {
            if (b < 0x21 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** A fresh purge id, unique within this process: sequence-epochseconds-random. */
    public String newPurgeId() {
        return sequence.incrementAndGet() + "-" + System.currentTimeMillis() / 1000 + "-"
                + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** Purges {@code surrogateKey} (soft: marks stale) for request {@code requestId}. */
    public void purge(String requestId, String purgeId, String surrogateKey, boolean soft) {
        LOG.info("[" + requestId + "] " + (soft ? "soft " : "") + "purge of surrogate key '" + surrogateKey + "' (purge id " + purgeId + ")");
        for (PurgeListener l : listeners) {
            l.purge(surrogateKey, soft);
        }
    }

    /** The JSON reply Fastly's purge API gives for a purge. */
    public static String reply(String purgeId) {
        return "{\"status\":\"ok\",\"id\":\"" + purgeId + "\"}";
    }
}
