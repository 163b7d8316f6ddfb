package dev.ledge.backend;

import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.Session;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's backends: those fastly.toml names (shared by every request) and the client that
 * reaches them. Dynamic backends a guest registers live in its session only.
 */
public final class Backends implements AutoCloseable {
    private final Map<String, Backend> configured;
    private final Upstream upstream;

    Backends(Map<String, Backend> configured, Upstream upstream) {
        this.configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
        this.upstream = upstream;
    }

    /** Reads [local_server.backends]. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder out) {
        out.put(Backends.class, new Backends(BackendsConfig.read(toml), new Upstream(host.vertx())));
    }

    /** The backend called {@code name} for this session (configured or dynamic), or null. */
    public Backend find(Session s, String name) {
        Backend b = configured.get(name);
        return b != null ? b : dynamic(s).get(name);
    }

    /** The dynamic backends registered in this session, by name. */
    public static Map<String, Backend> dynamic(Session s) {
        return s.attachment(DynamicBackends.class, DynamicBackends::new).byName;
    }

    public Upstream upstream() {
        return upstream;
    }

    public Map<String, Backend> configured() {
        return configured;
    }

    @Override
    public void close() {
        upstream.close();
    }

    /** Per-session registry of dynamic backends. */
    static final class DynamicBackends {
        final Map<String, Backend> byName = new LinkedHashMap<>();
    }
}
