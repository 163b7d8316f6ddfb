package dev.ledge.ops;

import dev.ledge.engine.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The process's operational metrics in one small facade over a Micrometer Prometheus registry.
 * Off (every method returns at once) until {@link #enable()} is called, which {@code serve
 * --admin-addr} does before the server starts.
 */
public final class Metrics {
    /** Histogram bucket bounds for the request timers, from 0.5 ms to 10 s. */
    private static final Duration[] BUCKETS = {
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)
    };
    private static final Metrics OFF = new Metrics(null);
    private static volatile Metrics global = OFF;

    private final PrometheusMeterRegistry registry;

    private Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** The process-wide metrics: a no-op until {@link #enable()}. */
    public static Metrics global() {
        return global;
    }

    /** Switches metrics on for the process (idempotent) and returns them. */
    public static synchronized Metrics enable() {
        if (global == OFF) {
            PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Metrics m = new Metrics(r);
            Gauge.builder("ledge_cache_hit_ratio", m, Metrics::cacheHitRatio)
                    .description("Core cache lookups that found an object, of all lookups so far").register(r);
            dev.ledge.engine.MemoryBudget budget = dev.ledge.engine.MemoryBudget.process();
            Gauge.builder("ledge_guest_memory_reserved_bytes", budget, dev.ledge.engine.MemoryBudget::reservedBytes)
                    .description("Linear memory held by live sandboxes, of the process-wide guest-memory budget").register(r);
            Gauge.builder("ledge_guest_memory_budget_bytes", budget, dev.ledge.engine.MemoryBudget::limitBytes)
                    .description("The process-wide guest-memory budget").register(r);
            io.micrometer.core.instrument.FunctionCounter.builder("ledge_guest_memory_refusals", budget, dev.ledge.engine.MemoryBudget::refusals)
                    .description("Instantiations and memory.grow calls refused because the budget was full").register(r);
            global = m;
        }
        return global;
    }

    public boolean enabled() {
        return registry != null;
    }

    /** Everything in the Prometheus text exposition format. */
    public String scrape() {
        return registry == null ? "" : registry.scrape();
    }

    /** One downstream exchange ended: its status and, when a sandbox ran it, its timings. */
    public void exchange(String service, int status, long instantiateNanos, long executeNanos, long totalNanos) {
        if (registry == null) {
            return;
        }
        Counter.builder("ledge_requests").description("Downstream requests answered, by service and status")
                .tag("service", service).tag("status", Integer.toString(status)).register(registry).increment();
        timer("ledge_request_seconds", "Time from request arrival to the response's end", service).record(totalNanos, TimeUnit.NANOSECONDS);
        if (instantiateNanos >= 0) {
            timer("ledge_instantiate_seconds", "Time to instantiate a sandbox", service).record(instantiateNanos, TimeUnit.NANOSECONDS);
        }
        if (executeNanos >= 0) {
            timer("ledge_execute_seconds", "Time the guest ran until the response ended", service).record(executeNanos, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String name, String description, String service) {
        return Timer.builder(name).description(description).tag("service", service)
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** A sandbox's run ended; counts the runs that did not complete, by kind, and limit kills by limit. */
    public void outcome(String service, RunOutcome o) {
        if (registry == null || o.ok()) {
            return;
        }
        String kind = o.kind().name().toLowerCase(Locale.ROOT);
        Counter.builder("ledge_guest_failures").description("Sandbox runs that trapped, exited non-zero, were cancelled or hit a limit")
                .tag("service", service).tag("kind", kind).register(registry).increment();
        if (o.kind() == RunOutcome.Kind.LIMIT_EXCEEDED) {
            String limit = o.message() != null && o.message().contains("CPU budget") ? "cpu" : "deadline";
            Counter.builder("ledge_limit_kills").description("Sandboxes stopped at their CPU budget or wall-clock deadline")
                    .tag("service", service).tag("limit", limit).register(registry).increment();
        }
    }

    /** A request refused because every sandbox was busy. */
    public void refused(String service) {
        if (registry != null) {
            Counter.builder("ledge_refused_requests").description("Requests refused with 503 because every sandbox was busy")
                    .tag("service", service).register(registry).increment();
        }
    }

    /** Registers the gauge of sandboxes running now for {@code service}; the result removes it. */
    public Runnable inFlightGauge(String service, IntSupplier active) {
        if (registry == null) {
            return () -> { };
        }
        Meter g = Gauge.builder("ledge_sandboxes_in_flight", active, IntSupplier::getAsInt)
                .description("Sandboxes running now").tag("service", service).strongReference(true).register(registry);
        return () -> registry.remove(g);
    }

    /** How long the service's module took to compile (or to load from the compile cache). */
    public void compiled(String service, long millis, boolean fromCache) {
        if (registry == null) {
            return;
        }
        double seconds = millis / 1000.0;
        Gauge.builder("ledge_module_compile_seconds", () -> seconds).description("Time to compile the service's module at load")
                .tag("service", service).tag("from_cache", Boolean.toString(fromCache)).strongReference(true).register(registry);
    }

    /** A backend request got its response head (or failed) {@code nanos} after it was sent. */
    public void backendRequest(String backend, boolean ok, long nanos) {
        if (registry != null) {
            Timer.builder("ledge_backend_request_seconds").description("Time from sending a backend request to its response head")
                    .tag("backend", backend).tag("outcome", ok ? "response" : "error")
                    .serviceLevelObjectives(BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A fastly_geo lookup. */
    public void geoLookup(boolean found) {
        if (registry != null) {
            Counter.builder("ledge_geo_lookups").description("Geolocation lookups, by whether the address was known")
                    .tag("found", Boolean.toString(found)).register(registry).increment();
        }
    }

    /** A core cache lookup. */
    public void cacheLookup(boolean hit) {
        if (registry != null) {
            cacheCounter(hit).increment();
        }
    }

    private Counter cacheCounter(boolean hit) {
        return Counter.builder("ledge_cache_lookups").description("Core cache lookups, by whether an object was found")
                .tag("result", hit ? "hit" : "miss").register(registry);
    }

    private double cacheHitRatio() {
        double hits = cacheCounter(true).count();
        double all = hits + cacheCounter(false).count();
        return all == 0 ? 0 : hits / all;
    }

    /** Guest log lines a slow /tail subscriber did not get. */
    public void tailDropped(long lines) {
        if (registry != null) {
            Counter.builder("ledge_tail_dropped_lines").description("Guest log lines dropped for slow /tail subscribers")
                    .register(registry).increment(lines);
        }
    }

    private final java.util.concurrent.atomic.AtomicLong openTunnels = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean tunnelGauge = new java.util.concurrent.atomic.AtomicBoolean();

    /** A WebSocket hand-off ended its setup: {@code tunnel}, {@code refused}, {@code unreachable} or {@code client_gone}. */
    public void websocketHandoff(String backend, String outcome) {
        if (registry != null) {
            Counter.builder("ledge_websocket_handoffs").description("WebSocket hand-offs to backends, by how their setup ended")
                    .tag("backend", backend).tag("outcome", outcome).register(registry).increment();
        }
    }

    /** A WebSocket tunnel started relaying. */
    public void websocketTunnelOpened() {
        if (registry != null) {
            if (tunnelGauge.compareAndSet(false, true)) {
                Gauge.builder("ledge_websocket_tunnels_open", openTunnels, java.util.concurrent.atomic.AtomicLong::get)
                        .description("WebSocket tunnels relaying now").register(registry);
            }
            openTunnels.incrementAndGet();
        }
    }

    /** A WebSocket tunnel closed. */
    public void websocketTunnelClosed() {
        if (registry != null) {
            openTunnels.decrementAndGet();
        }
    }
}
