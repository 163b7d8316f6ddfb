package dev.ledge.cli;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.hostcalls.HostcallDispatcher;
import dev.ledge.server.LedgeServer;
import dev.ledge.server.ServiceConfig;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import io.vertx.core.Vertx;
import dev.ledge.session.GuestLog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ledge serve}: an HTTP server running a handler in a fresh sandbox per request. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve HTTP requests with a Wasm handler, a fresh sandbox per request.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger("ledge");

    /** The sample inside ledge.jar that `serve` runs when given no module. */
    static final String EMBEDDED_SAMPLE = "ledge/samples/rust-echo.wasm";

    @Parameters(index = "0", arity = "0..1", paramLabel = "HANDLER.wasm",
            description = "The handler module (default: the Rust echo sample inside ledge.jar).")
    Path module;

    @Option(names = {"-C", "--config"}, paramLabel = "FILE", description = "A fastly.toml with the service's local configuration.")
    Path config;

    @Option(names = "--addr", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7676", description = "Where to listen (default: ${DEFAULT-VALUE}).")
    String addr;

    @Option(names = "--max-in-flight", defaultValue = "64", description = "Sandboxes running at once; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @picocli.CommandLine.Mixin
    CacheOptions cache = new CacheOptions();

    @picocli.CommandLine.Mixin
    LimitOptions limitOptions = new LimitOptions();

    @picocli.CommandLine.Mixin
    CpuLaneOptions cpuLaneOptions = new CpuLaneOptions();

    @Option(names = "--max-request-body-bytes", paramLabel = "N", defaultValue = "0",
            description = "Largest client request body; larger ones get 413 (default: 0, no limit).")
    long maxBody;

    @Option(names = "--max-headers", paramLabel = "N", defaultValue = "100",
            description = "Most header fields in a client request; more get 431 (default: ${DEFAULT-VALUE}).")
    int maxHeaders;

    @Option(names = "--server-timing", description = "Add a Server-Timing header (instantiate and execute durations) to responses.")
    boolean serverTiming;

    @Option(names = "--access-log", description = "Log one JSON line per request (logger ledge.access).")
    boolean accessLog;

    @Option(names = "--admin-addr", paramLabel = "HOST:PORT",
            description = "Also serve the admin API here: GET /metrics (Prometheus) and GET /tail (guest log lines as Server-Sent Events). Off unless given.")
    String adminAddr;

    @Option(names = "--geo-db", paramLabel = "FILE", description = "A MaxMind DB file for fastly_geo lookups (repeatable; before fastly.toml's geolocation databases).")
    java.util.List<Path> geoDatabases = new java.util.ArrayList<>();

    @Option(names = "--trusted-proxy", paramLabel = "CIDR",
            description = "A proxy (address or network) whose Forwarded / X-Forwarded-For names the client (repeatable).")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--trace-hostcalls", description = "Log every hostcall with its arguments and status.")
    boolean trace;

    private static byte[] embeddedSample() {
        try (java.io.InputStream in = ServeCommand.class.getClassLoader().getResourceAsStream(EMBEDDED_SAMPLE)) {
            if (in == null) {
                throw new dev.ledge.engine.ModuleRejectedException("this ledge.jar carries no sample; give a module: ledge serve HANDLER.wasm");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new dev.ledge.engine.ModuleRejectedException("cannot read the embedded sample: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        HostcallDispatcher.setTrace(trace);
        HostAndPort hp = HostAndPort.parse(addr);
        HostAndPort adminHp = adminAddr == null ? null : HostAndPort.parse(adminAddr, "--admin-addr");
        dev.ledge.ops.LogTail tail = new dev.ledge.ops.LogTail();
        if (adminHp != null) {
            dev.ledge.ops.Metrics.enable();
        }
        FastlyToml toml = Configs.load(config);
        if (!geoDatabases.isEmpty()) {
            toml = toml.withLocalServerList("geolocation", "databases",
                    geoDatabases.stream().map(p -> p.toAbsolutePath().toString()).toList());
        }
        cpuLaneOptions.apply();
        Vertx vertx = Vertx.vertx();
        // Configuration errors surface before the (possibly long) compile.
        ServiceResources resources = ServiceResources.configure(toml, new HostContext(vertx, HostContext.defaultDataDir()));
        long t0 = System.nanoTime();
        PrelinkedModule pm;
        if (module == null) {
            LOG.info("no module given: serving the Rust echo sample inside ledge.jar (try /hello, /stream/3, /status/418)");
            pm = PrelinkedModule.load("rust-echo.wasm", embeddedSample(), cache.cache()).withLimits(limitOptions.limits());
        } else {
            LOG.info("loading " + module + " (a large module takes a while the first time; later starts use the compile cache) ...");
            pm = PrelinkedModule.load(module, cache.cache()).withLimits(limitOptions.limits());
        }
        LOG.info(String.format("%s: %s in %d ms, ready in %d ms (%d hostcalls implemented, %d unsupported, %d unknown imports)",
                pm.name(), pm.compiled().fromCache() ? "compiled code loaded from cache" : "compiled",
                pm.compiled().compileMillis(), (System.nanoTime() - t0) / 1_000_000,
                pm.linked().implemented().size(), pm.linked().unsupported().size(), pm.linked().unknown().size()));
        ServiceConfig svc = new ServiceConfig(toml.name(pm.name()), pm, resources, toml.environment(),
                adminHp == null ? GuestLog.SERVER_LOG : tail.forService(toml.name(pm.name()), GuestLog.SERVER_LOG));
        if (maxBody < 0 || maxHeaders <= 0) {
            throw new dev.ledge.config.ConfigException("--max-request-body-bytes must be 0 or more and --max-headers positive");
        }
        LedgeServer server = new LedgeServer(vertx, svc, maxInFlight, new dev.ledge.server.RequestLimits(maxHeaders,
                dev.ledge.server.RequestLimits.DEFAULT_MAX_HEADER_BYTES, maxBody, dev.ledge.server.RequestLimits.DEFAULT_IDLE_TIMEOUT_SECONDS));
        server.observe(serverTiming, accessLog);
        server.trustProxies(dev.ledge.server.ClientAddress.trusting(trustedProxies));
        int port = server.start(hp.host(), hp.port());
        LOG.info("listening on http://" + hp.host() + ":" + port + "/");
        dev.ledge.ops.AdminServer admin = adminHp == null ? null : new dev.ledge.ops.AdminServer(vertx, dev.ledge.ops.Metrics.global(), tail);
        if (admin != null) {
            int adminPort = admin.start(adminHp.host(), adminHp.port());
            LOG.info("admin API on http://" + adminHp.host() + ":" + adminPort + "/ (GET /metrics, GET /tail)");
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (admin != null) {
                admin.close();
            }
            server.close();
            resources.close();
            vertx.close();
            forever.countDown();
        }));
        forever.await();
        return 0;
    }
}
