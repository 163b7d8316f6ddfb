package dev.ledge.cli;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import dev.ledge.config.ServiceSpec;
import dev.ledge.config.ServicesFile;
import dev.ledge.deploy.Deployments;
import dev.ledge.engine.CompileCache;
import dev.ledge.engine.ModuleLoader;
import dev.ledge.engine.StartupTimings;
import dev.ledge.ops.AdminApi;
import dev.ledge.ops.AdminServer;
import dev.ledge.ops.LogTail;
import dev.ledge.ops.Metrics;
import dev.ledge.server.ClientAddress;
import dev.ledge.server.LedgeServer;
import dev.ledge.server.ModulePreloader;
import dev.ledge.server.RequestLimits;
import dev.ledge.server.ServiceSet;
import dev.ledge.service.HostContext;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What {@code ledge serve} starts from its options: the services (one module, a services file,
 * or the samples inside ledge.jar), the HTTP server routing between them and the admin address.
 */
final class ServeSetup {
    private static final Logger LOG = Logger.getLogger("ledge");

    /** A started server: its ports, and everything to close when it stops. */
    record Running(Vertx vertx, ServiceSet services, LedgeServer server, int port, AdminServer admin, int adminPort)
            implements AutoCloseable {
        @Override
        public void close() {
            if (admin != null) {
                admin.close();
            }
            server.close();
            services.close();
            vertx.close();
            dev.ledge.engine.CompiledModule.awaitBootEntryWrites(30_000);
        }
    }

    private ServeSetup() {
    }

    /** Starts what {@code cmd} describes; {@code envToken} is $LEDGE_ADMIN_TOKEN (may be null). */
    static Running start(ServeCommand cmd, String envToken) {
        StartupTimings.begin();
        try {
            Running r = startTimed(cmd, envToken);
            StartupTimings.end();
            return r;
        } finally {
            StartupTimings.discard();
        }
    }

    private static Running startTimed(ServeCommand cmd, String envToken) {
        long t = System.nanoTime();
        HostAndPort hp = HostAndPort.parse(cmd.addr);
        HostAndPort adminHp = cmd.adminAddr == null ? null : HostAndPort.parse(cmd.adminAddr, "--admin-addr");
        String token = cmd.adminToken != null ? cmd.adminToken : (envToken == null || envToken.isBlank() ? null : envToken);
        if (cmd.adminToken != null && (cmd.adminToken.isBlank() || adminHp == null)) {
            throw new ConfigException("--admin-token needs a non-empty token and --admin-addr (the API is served there)");
        }
        if (adminHp == null) {
            token = null;
        }
        if (cmd.maxBody < 0 || cmd.maxHeaders <= 0 || cmd.maxInFlight <= 0) {
            throw new ConfigException("--max-request-body-bytes must be 0 or more, --max-headers and --max-in-flight positive");
        }
        if (cmd.services != null && (cmd.module != null || cmd.config != null)) {
            throw new ConfigException("--services names every service's module and fastly.toml; give no HANDLER.wasm or --config with it");
        }
        t = StartupTimings.record("options", t);
        List<ServiceSpec> specs = withGeoDatabases(specs(cmd, hp.port()), cmd.geoDatabases);
        t = StartupTimings.record("module file", t);
        LogTail tail = new LogTail();
        if (adminHp != null) {
            Metrics.enable();
        }
        Path dataDir = HostContext.defaultDataDir();
        Deployments deployments = token != null || cmd.stateDir != null
                ? new Deployments(cmd.stateDir != null ? cmd.stateDir : Deployments.defaultDir(dataDir)) : null;
        CompileCache cache = cmd.cache.cache();
        t = StartupTimings.record("settings", t);
        // Modules already compiled load on another thread while Vert.x starts and services are configured.
        ModulePreloader preloads = ModulePreloader.start(specs, cache);
        ServiceSet.Settings settings = new ServiceSet.Settings(cmd.limitOptions.limits(), cmd.maxInFlight, cache,
                dataDir, cmd.module == null, deployments, adminHp == null ? (name, log) -> log : tail::forService, preloads);
        Vertx vertx = Vertx.vertx();
        t = StartupTimings.record("Vert.x", t);
        // The port is bound while the modules load: requests that come meanwhile wait for the services.
        LedgeServer server = new LedgeServer(vertx, new RequestLimits(cmd.maxHeaders,
                RequestLimits.DEFAULT_MAX_HEADER_BYTES, cmd.maxBody, RequestLimits.DEFAULT_IDLE_TIMEOUT_SECONDS));
        server.trustProxies(ClientAddress.trusting(cmd.trustedProxies));
        int port;
        try {
            port = server.start(hp.host(), hp.port());
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        t = StartupTimings.record("HTTP server bound", t);
        ServiceSet services;
        try {
            services = ServiceSet.start(vertx, specs, settings);
        } catch (RuntimeException e) {
            server.refuse("the services did not start: " + e.getMessage());
            server.close();
            vertx.close();
            throw e;
        }
        StartupTimings.record("services total", t);
        server.serve(services.router());
        server.observe(cmd.serverTiming, cmd.accessLog);
        AdminServer admin = null;
        int adminPort = -1;
        try {
            LOG.info("listening on http://" + hp.host() + ":" + port + "/");
            String jit = dev.ledge.engine.JitMode.advice();
            if (jit != null) {
                LOG.info(jit);
            }
            if (services.router().services().size() > 1) {
                services.router().describe(port).forEach(line -> LOG.info("  " + line));
            }
            if (adminHp != null) {
                admin = new AdminServer(vertx, Metrics.global(), tail);
                if (token != null) {
                    admin.withApi(new AdminApi(vertx, services, token));
                }
                adminPort = admin.start(adminHp.host(), adminHp.port());
                LOG.info("admin API on http://" + adminHp.host() + ":" + adminPort + "/ (GET /metrics, GET /tail"
                        + (token != null ? "; deployments under /services, state in " + deployments.dir() : "") + ")");
            }
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            server.close();
            services.close();
            vertx.close();
            throw e;
        }
        return new Running(vertx, services, server, port, admin, adminPort);
    }

    private static List<ServiceSpec> specs(ServeCommand cmd, int port) {
        if (cmd.services != null) {
            LOG.info("loading the services of " + cmd.services + " ...");
            return ServicesFile.load(cmd.services);
        }
        if (cmd.module == null) {
            LOG.info("no module given: serving the Rust samples inside ledge.jar (loading ...)");
            return EmbeddedSamples.specs(port);
        }
        FastlyToml toml = Configs.load(cmd.config);
        byte[] bytes = ModuleLoader.read(cmd.module);
        String file = cmd.module.getFileName().toString();
        LOG.info("loading " + cmd.module + " (a large module takes a while the first time; later starts use the compile cache) ...");
        return List.of(new ServiceSpec(null, toml.name(file), List.of(), true,
                file, bytes, toml, null, null, null, null));
    }

    /** The specs with {@code --geo-db} files put before each fastly.toml's geolocation databases. */
    private static List<ServiceSpec> withGeoDatabases(List<ServiceSpec> specs, List<Path> geoDatabases) {
        if (geoDatabases.isEmpty()) {
            return specs;
        }
        List<String> files = geoDatabases.stream().map(p -> p.toAbsolutePath().toString()).toList();
        List<ServiceSpec> out = new ArrayList<>();
        for (ServiceSpec s : specs) {
            out.add(new ServiceSpec(s.origin(), s.name(), s.hosts(), s.isDefault(), s.moduleName(), s.moduleBytes(),
                    s.toml().withLocalServerList("geolocation", "databases", files), s.cpuBudgetMs(), s.deadlineMs(),
                    s.memoryCapMib(), s.maxInFlight()));
        }
        return out;
    }
}
