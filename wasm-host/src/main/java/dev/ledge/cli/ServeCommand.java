package dev.ledge.cli;

import dev.ledge.hostcalls.HostcallDispatcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ledge serve}: an HTTP server running one handler, or several services routed by Host, a
 * fresh sandbox per request. Defaults are the fields' initial values, so that {@link QuickServeArgs}
 * (which knows every option by name) and picocli start from the same ones.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve HTTP requests with a Wasm handler, a fresh sandbox per request.")
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HANDLER.wasm",
            description = "The handler module (default: the Rust samples inside ledge.jar, routed by Host).")
    Path module;

    @Option(names = {"-C", "--config"}, paramLabel = "FILE", description = "A fastly.toml with the service's local configuration.")
    Path config;

    @Option(names = "--addr", paramLabel = "HOST:PORT", description = "Where to listen (default: ${DEFAULT-VALUE}).")
    String addr = "127.0.0.1:7676";

    @Option(names = "--max-in-flight", description = "Sandboxes running at once; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxInFlight = 64;

    @picocli.CommandLine.Mixin
    CacheOptions cache = new CacheOptions();

    @picocli.CommandLine.Mixin
    LimitOptions limitOptions = new LimitOptions();

    @picocli.CommandLine.Mixin
    CpuLaneOptions cpuLaneOptions = new CpuLaneOptions();

    @Option(names = "--max-request-body-bytes", paramLabel = "N",
            description = "Largest client request body; larger ones get 413 (default: 0, no limit).")
    long maxBody;

    @Option(names = "--max-headers", paramLabel = "N",
            description = "Most header fields in a client request; more get 431 (default: ${DEFAULT-VALUE}).")
    int maxHeaders = 100;

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

    @Option(names = "--services", paramLabel = "FILE",
            description = "A services file: several services in one server, routed by Host (instead of HANDLER.wasm and --config).")
    Path services;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "Serve the deployment API on --admin-addr to callers sending Authorization: Bearer TOKEN (default: $LEDGE_ADMIN_TOKEN; none: API off).")
    String adminToken;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where deployed module versions are kept across restarts (default: deployments/ under the data directory; used when the deployment API is on or this is given).")
    Path stateDir;

    @Override
    public Integer call() throws InterruptedException {
        HostcallDispatcher.setTrace(trace);
        cpuLaneOptions.apply();
        ServeSetup.Running running = ServeSetup.start(this, System.getenv("LEDGE_ADMIN_TOKEN"));
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            forever.countDown();
        }));
        forever.await();
        return 0;
    }
}
