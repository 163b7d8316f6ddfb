package dev.ledge.server;

import dev.ledge.config.ConfigException;
import dev.ledge.config.ServiceSpec;
import dev.ledge.deploy.DeployException;
import dev.ledge.deploy.Deployments;
import dev.ledge.deploy.ModuleVersion;
import dev.ledge.engine.CompileCache;
import dev.ledge.engine.LedgeException;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.SandboxLimits;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.GuestLog;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * The services one server runs, built from their specs: each with its resources configured, its
 * module compiled and linked with its limits, and (when deployments are kept) the version it
 * served last. Deploys and rollbacks compile and link on the caller's thread, never the event
 * loop, and swap the version only once that has succeeded.
 */
public final class ServiceSet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge");

    /**
     * What every service shares unless its spec says otherwise: sandbox limits and in-flight
     * limit, the compile cache (null: none), the data directory ({@code perServiceData}: a
     * subdirectory per service), the deployment store (null: deployments off), the guest log
     * for a service name and the modules loaded ahead (null: none).
     */
    public record Settings(SandboxLimits limits, int maxInFlight, CompileCache cache, Path dataDir, boolean perServiceData,
                           Deployments deployments, BiFunction<String, GuestLog, GuestLog> logs, ModulePreloader preloads) {
    }

    /** A service with its spec and its running form. */
    private record Entry(ServiceSpec spec, SandboxLimits limits, HostedService hosted) {
    }

    private final Settings settings;
    private final Map<String, Entry> entries;
    private final ServiceRouter router;

    private ServiceSet(Settings settings, Map<String, Entry> entries, ServiceRouter router) {
        this.settings = settings;
        this.entries = entries;
        this.router = router;
    }

    /** Configures and loads every service; the first bad one fails it all, naming file, service and key. */
    public static ServiceSet start(Vertx vertx, List<ServiceSpec> specs, Settings settings) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<ServiceResources> opened = new ArrayList<>();
        ServiceRouter.Builder router = ServiceRouter.builder();
        try {
            // Every service's configuration first, so a bad one fails before any (possibly long) compile.
            Map<String, ServiceResources> resourcesByName = new LinkedHashMap<>();
            for (ServiceSpec spec : specs) {
                Path data = settings.perServiceData() ? settings.dataDir().resolve("services").resolve(spec.name()) : settings.dataDir();
                try {
                    resourcesByName.put(spec.name(), ServiceResources.configure(spec.toml(), new HostContext(vertx, data)));
                } catch (LedgeException e) {
                    throw spec.origin() == null ? e : new ConfigException(spec.origin() + ": [services." + spec.name() + "]: " + e.getMessage(), e);
                }
                opened.add(resourcesByName.get(spec.name()));
            }
            for (ServiceSpec spec : specs) {
                ServiceResources resources = resourcesByName.get(spec.name());
                SandboxLimits limits = spec.limits(settings.limits());
                long t0 = System.nanoTime();
                String versionId = "1";
                byte[] bytes = spec.moduleBytes();
                String what = spec.moduleName();
                if (settings.deployments() != null) {
                    ModuleVersion v = settings.deployments().atStart(spec.name(), bytes, "configured: " + spec.moduleName());
                    versionId = Integer.toString(v.id());
                    if (!v.sha256().equals(Deployments.sha256(bytes))) {
                        bytes = settings.deployments().bytes(spec.name(), v.id());
                        what = "deployed version " + v.id();
                    }
                }
                PrelinkedModule module;
                try {
                    PrelinkedModule preloaded = settings.preloads() == null ? null : settings.preloads().take(spec.moduleName(), bytes);
                    module = (preloaded != null ? preloaded : PrelinkedModule.load(spec.moduleName(), bytes, settings.cache())).withLimits(limits);
                } catch (LedgeException e) {
                    if (spec.origin() == null) {
                        throw what.equals(spec.moduleName()) ? e
                                : new dev.ledge.engine.ModuleRejectedException(spec.name() + ": " + what + ": " + e.getMessage(), e);
                    }
                    throw spec.error("module", (what.equals(spec.moduleName()) ? "" : what + ": ") + e.getMessage());
                }
                LOG.info(String.format("%s: %s (version %s) %s in %d ms, ready in %d ms (%d hostcalls implemented, %d unsupported, %d unknown imports)",
                        spec.name(), what, versionId, module.compiled().fromCache() ? "loaded from the compile cache" : "compiled",
                        module.compiled().compileMillis(), (System.nanoTime() - t0) / 1_000_000, module.linked().implemented().size(),
                        module.linked().unsupported().size(), module.linked().unknown().size()));
                GuestLog log = settings.logs().apply(spec.name(), GuestLog.SERVER_LOG);
                ServiceConfig config = new ServiceConfig(spec.name(), module, resources, spec.toml().environment(), log);
                HostedService hosted = new HostedService(vertx, config, versionId, spec.maxInFlight(settings.maxInFlight()));
                entries.put(spec.name(), new Entry(spec, limits, hosted));
                router.add(hosted, spec.hosts(), spec.isDefault());
            }
            return new ServiceSet(settings, entries, router.build());
        } catch (RuntimeException e) {
            entries.values().forEach(en -> en.hosted().close());
            opened.forEach(ServiceResources::close);
            throw e;
        }
    }

    public ServiceRouter router() {
        return router;
    }

    /** The spec a service was started from. */
    public ServiceSpec spec(String service) {
        return entry(service).spec();
    }

    /**
     * Compiles and links {@code wasm} for {@code service}, stores it as a new version and makes it
     * the version new requests get. Call off the event loop. A module that cannot serve is
     * refused (422) and the running version stays.
     */
    public synchronized ModuleVersion deploy(String service, byte[] wasm) {
        Entry e = entry(service);
        PrelinkedModule module = compile(e, "upload for " + service, wasm);
        ModuleVersion v = deployments().add(service, wasm, "uploaded");
        e.hosted().activate(Integer.toString(v.id()), module);
        return v;
    }

    /** Makes version {@code to} (null: the previously active one) the active version of {@code service}. */
    public synchronized ModuleVersion rollback(String service, Integer to) {
        Entry e = entry(service);
        ModuleVersion v = to == null ? deployments().previous(service) : deployments().version(service, to);
        if (v == null) {
            throw to == null ? new DeployException(409, service + " has no earlier version to roll back to")
                    : new DeployException(404, service + " has no version " + to);
        }
        PrelinkedModule module = compile(e, service + " version " + v.id(), deployments().bytes(service, v.id()));
        deployments().activate(service, v.id());
        e.hosted().activate(Integer.toString(v.id()), module);
        return v;
    }

    /** The versions of {@code service}, oldest first. */
    public List<ModuleVersion> versions(String service) {
        entry(service);
        return deployments().versions(service);
    }

    /** Whether deployments are kept (and so the admin API may deploy). */
    public boolean deploymentsKept() {
        return settings.deployments() != null;
    }

    private PrelinkedModule compile(Entry e, String name, byte[] wasm) {
        try {
            return PrelinkedModule.load(name, wasm, settings.cache()).withLimits(e.limits());
        } catch (LedgeException ex) {
            throw new DeployException(422, ex.getMessage());
        } catch (RuntimeException | StackOverflowError ex) {
            throw new DeployException(422, name + ": cannot compile it: " + ex);
        }
    }

    private Deployments deployments() {
        if (settings.deployments() == null) {
            throw new DeployException(409, "this server keeps no deployments");
        }
        return settings.deployments();
    }

    private Entry entry(String service) {
        Entry e = entries.get(service);
        if (e == null) {
            throw new DeployException(404, "no service named '" + service + "' (services: " + String.join(", ", entries.keySet()) + ")");
        }
        return e;
    }

    /** Closes every service's resources (the server closes the services themselves). */
    @Override
    public void close() {
        entries.values().forEach(e -> e.hosted().config().resources().close());
    }
}
