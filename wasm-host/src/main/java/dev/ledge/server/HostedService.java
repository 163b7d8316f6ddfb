package dev.ledge.server;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.RunOutcome;
import dev.ledge.geo.Geolocation;
import dev.ledge.ops.Metrics;
import dev.ledge.session.Exchange;
import dev.ledge.session.Session;
import io.vertx.core.Vertx;
import java.util.logging.Logger;

/**
 * One service as the server runs it: its shared resources, its own guest threads (its in-flight
 * limit) and the module version that new requests get. A new version is swapped in atomically:
 * requests already running keep the version they started with; sandboxes waiting for another
 * request ({@code next_request}) belong to their version's reuse pool and are let go on a swap.
 */
public final class HostedService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge.server");

    /** A module version serving this service, with the sandboxes of that version waiting for reuse. */
    private record Version(String id, PrelinkedModule module, ReusePool pool) {
    }

    private final ServiceConfig config;
    private final Vertx vertx;
    private final GuestExecutor executor;
    private final Metrics metrics = Metrics.global();
    private final Runnable inFlightGauge;
    private final java.util.concurrent.atomic.AtomicBoolean firstAnswered = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Version active;
    private volatile ExchangeObserver observer;

    /** Serves {@code config}'s module as version {@code versionId} with at most {@code maxInFlight} sandboxes at once. */
    public HostedService(Vertx vertx, ServiceConfig config, String versionId, int maxInFlight) {
        this.config = config;
        this.vertx = vertx;
        this.executor = new GuestExecutor(maxInFlight);
        this.inFlightGauge = metrics.inFlightGauge(config.name(), executor::active);
        this.observer = new ExchangeObserver(config.name(), geolocation(config), false, false);
        this.active = version(versionId, config.module());
        metrics.compiled(config.name(), config.module().compiled().compileMillis(), config.module().compiled().fromCache());
    }

    private static Geolocation geolocation(ServiceConfig c) {
        try {
            return c.resources().get(Geolocation.class);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private Version version(String id, PrelinkedModule module) {
        return new Version(id, module, new ReusePool(vertx, this::accept));
    }

    public String name() {
        return config.name();
    }

    public ServiceConfig config() {
        return config;
    }

    /** The id of the version new requests get. */
    public String activeVersion() {
        return active.id();
    }

    /** The module new requests get. */
    public PrelinkedModule activeModule() {
        return active.module();
    }

    /**
     * Makes {@code module} (already compiled and linked) the version new requests get. Requests
     * running on the old version finish there; its idle reusable sandboxes are told to stop waiting.
     */
    public void activate(String versionId, PrelinkedModule module) {
        Version old = active;
        active = version(versionId, module);
        old.pool().release();
        LOG.info(config.name() + ": now serving version " + versionId + " (" + module.name() + ")");
    }

    /** Adds a Server-Timing header and/or writes a JSON access log line for this service's requests. */
    void observe(boolean serverTiming, boolean accessLog) {
        this.observer = new ExchangeObserver(config.name(), geolocation(config), serverTiming, accessLog);
    }

    ExchangeObserver observer() {
        return observer;
    }

    /** Runs {@code e} with the active version: in one of its waiting sandboxes, else in a fresh one. */
    void accept(Exchange e) {
        Version v = active;
        if (!v.pool().offer(e)) {
            runFresh(v, e);
        }
    }

    /** Runs {@code first} in a fresh sandbox of {@code v}; requests it takes later with next_request are finished with it. */
    private void runFresh(Version v, Exchange first) {
        String id = first.head().downstream.requestId();
        Session session = Session.builder()
                .id(id)
                .environment(config.environment())
                .resources(config.resources())
                .log(config.log())
                .downstream(first.head(), first.body())
                .responder(first.responder())
                .nextRequests(v.pool())
                .build();
        boolean accepted = executor.trySubmit(() -> {
            RunOutcome outcome = v.module().sandbox().run(session);
            metrics.outcome(config.name(), outcome);
            for (Exchange e : session.exchanges()) {
                String rid = e.head().downstream.requestId();
                if (!outcome.ok()) {
                    LOG.warning("[" + rid + "] " + config.name() + " " + e.head().method + " " + e.head().uri + ": "
                            + outcome.kind().name().toLowerCase() + ": " + outcome.message());
                }
                ((VertxResponder) e.responder()).finish(outcome, rid);
            }
            if (firstAnswered.compareAndSet(false, true)) {
                long since = dev.ledge.engine.StartupTimings.sinceLaunchMillis();
                LOG.info(config.name() + ": first request answered" + (since >= 0 ? " " + since + " ms after launch" : ""));
            }
        });
        if (!accepted) {
            first.body().fail("refused: no sandbox free");
            metrics.refused(config.name());
            ((VertxResponder) first.responder()).reject(503, "Ledge: every sandbox is busy; try again shortly\n", "1");
        }
    }

    /** Stops the service's guest threads (its resources belong to whoever configured them). */
    @Override
    public void close() {
        active.pool().release();
        inFlightGauge.run();
        executor.close();
    }
}
