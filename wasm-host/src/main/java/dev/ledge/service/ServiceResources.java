package dev.ledge.service;

import dev.ledge.config.FastlyToml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every request of one service shares: its configured stores, backends, ACLs and so on,
 * each read from fastly.toml once ("configure per app") and then used by every session. Parts are
 * looked up by type, e.g. {@code resources.get(ConfigStores.class)}.
 */
public final class ServiceResources implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge.service");
    private final Map<Class<?>, Object> parts;

    private ServiceResources(Map<Class<?>, Object> parts) {
        this.parts = parts;
    }

    /** Configures every capability from {@code toml}; a bad entry fails here, before serving. */
    public static ServiceResources configure(FastlyToml toml, HostContext host) {
        Builder b = new Builder();
        Capabilities.configureAll(toml, host, b);
        return b.build();
    }

    /** Resources with every capability configured from an empty fastly.toml. */
    public static ServiceResources defaults(HostContext host) {
        return configure(FastlyToml.empty(), host);
    }

    /** The part of type {@code type}; every capability registers one, even when unconfigured. */
    public <T> T get(Class<T> type) {
        Object o = parts.get(type);
        if (o == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " configured for this service");
        }
        return type.cast(o);
    }

    @Override
    public void close() {
        for (Object o : parts.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "closing " + o.getClass().getSimpleName(), e);
                }
            }
        }
    }

    /** Collects the parts while capabilities configure themselves. */
    public static final class Builder {
        private final Map<Class<?>, Object> parts = new LinkedHashMap<>();

        public <T> Builder put(Class<T> type, T part) {
            if (parts.put(type, part) != null) {
                throw new IllegalStateException(type.getSimpleName() + " configured twice");
            }
            return this;
        }

        /** A part configured earlier (capabilities that work together, e.g. purge and cache). */
        public <T> T get(Class<T> type) {
            Object o = parts.get(type);
            if (o == null) {
                throw new IllegalStateException(type.getSimpleName() + " must be configured first");
            }
            return type.cast(o);
        }

        public ServiceResources build() {
            return new ServiceResources(Map.copyOf(parts));
        }
    }
}
