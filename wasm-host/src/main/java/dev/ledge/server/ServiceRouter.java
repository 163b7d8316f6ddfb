package dev.ledge.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the service for a request by its host name (the Host header or HTTP/2 authority, port
 * stripped, case-insensitive); a host no service names goes to the default service, if any.
 */
public final class ServiceRouter implements AutoCloseable {
    private final List<HostedService> services;
    private final Map<String, HostedService> byHost;
    private final HostedService fallback;

    private ServiceRouter(List<HostedService> services, Map<String, HostedService> byHost, HostedService fallback) {
        this.services = List.copyOf(services);
        this.byHost = Map.copyOf(byHost);
        this.fallback = fallback;
    }

    /** A router sending every request to {@code only}. */
    public static ServiceRouter single(HostedService only) {
        return new ServiceRouter(List.of(only), Map.of(), only);
    }

    /** Builds a router; host names are compared without port and case. */
    public static Builder builder() {
        return new Builder();
    }

    /** The service for a request to {@code authority} (e.g. {@code Shop.Example:8080}), or null when none serves it. */
    public HostedService route(String authority) {
        if (authority != null && !byHost.isEmpty()) {
            HostedService s = byHost.get(hostName(authority));
            if (s != null) {
                return s;
            }
        }
        return fallback;
    }

    /** The host part of an authority, lower case: {@code [::1]:80} gives {@code ::1}, {@code A.b:8080} gives {@code a.b}. */
    public static String hostName(String authority) {
        String a = authority.trim();
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            a = end < 0 ? a.substring(1) : a.substring(1, end);
        } else {
            int colon = a.indexOf(':');
            if (colon >= 0 && colon == a.lastIndexOf(':')) {
                a = a.substring(0, colon);
            }
        }
        if (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /** The service named {@code name}, or null. */
    public HostedService service(String name) {
        for (HostedService s : services) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    public List<HostedService> services() {
        return services;
    }

    /** The default service, or null when unknown hosts are refused. */
    public HostedService fallback() {
        return fallback;
    }

    /** One line per route, e.g. {@code http://shop.localhost:7676/ -> shop}, the default last. */
    public List<String> describe(int port) {
        List<String> lines = new ArrayList<>();
        byHost.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                lines.add("http://" + e.getKey() + ":" + port + "/ -> " + e.getValue().name()));
        if (fallback != null) {
            lines.add("any other host -> " + fallback.name() + " (default)");
        } else {
            lines.add("any other host -> 421 (no default service)");
        }
        return lines;
    }

    @Override
    public void close() {
        services.forEach(HostedService::close);
    }

    /** Collects services with their host names. */
    public static final class Builder {
        private final List<HostedService> services = new ArrayList<>();
        private final Map<String, HostedService> byHost = new LinkedHashMap<>();
        private HostedService fallback;

        /** Adds {@code s} for {@code hosts}; {@code isDefault} makes it serve every other host too. */
        public Builder add(HostedService s, List<String> hosts, boolean isDefault) {
            services.add(s);
            for (String h : hosts) {
                HostedService before = byHost.put(hostName(h), s);
                if (before != null) {
                    throw new IllegalArgumentException("host " + h + " is routed to both " + before.name() + " and " + s.name());
                }
            }
            if (isDefault) {
                if (fallback != null) {
                    throw new IllegalArgumentException("both " + fallback.name() + " and " + s.name() + " are the default service");
                }
                fallback = s;
            }
            return this;
        }

        public ServiceRouter build() {
            return new ServiceRouter(services, byHost, fallback);
        }
    }
}
