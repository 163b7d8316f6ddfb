package dev.ledge.server;

import dev.ledge.abi.AbiSpec;
import dev.ledge.config.ServiceSpec;
import dev.ledge.engine.CompileCache;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.hostcalls.HostcallRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * Loads, on a thread of its own, the services' modules whose compiled code is already in the
 * compile cache, while the server starts Vert.x and configures the services; {@link ServiceSet}
 * then takes them from here instead of loading them itself. Modules that would have to be
 * compiled are left alone (ServiceSet compiles them after every service's configuration has been
 * checked, as before), and so is any module whose load fails here: ServiceSet loads it again and
 * reports the failure where it always has.
 */
public final class ModulePreloader {
    private static final Logger LOG = Logger.getLogger("ledge");

    /** One service's module: the bytes it was started with and its load. */
    private record Preload(String name, byte[] bytes, CompletableFuture<PrelinkedModule> module) {
    }

    private final List<Preload> preloads;

    private ModulePreloader(List<Preload> preloads) {
        this.preloads = preloads;
    }

    /** Nothing preloaded: every module is loaded by ServiceSet. */
    public static ModulePreloader none() {
        return new ModulePreloader(List.of());
    }

    /** Starts loading the cached modules of {@code specs} in the background (none without a cache). */
    public static ModulePreloader start(List<ServiceSpec> specs, CompileCache cache) {
        if (cache == null || specs.isEmpty()) {
            return none();
        }
        List<Preload> preloads = new ArrayList<>();
        for (ServiceSpec s : specs) {
            preloads.add(new Preload(s.moduleName(), s.moduleBytes(), new CompletableFuture<>()));
        }
        // Linking needs the ABI description and the hostcall classes whatever the module: load them meanwhile.
        Thread warm = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                AbiSpec.bundled();
                t0 = dev.ledge.engine.StartupTimings.record("ABI description", t0);
                HostcallRegistry.standard();
                dev.ledge.hostcalls.WasiCalls.warm();
                dev.ledge.engine.StartupTimings.record("hostcall registry", t0);
            } catch (RuntimeException | Error e) {
                // Linking loads them again and reports what went wrong.
            }
        }, "ledge-hostcall-warmup");
        warm.setDaemon(true);
        warm.start();
        Thread t = new Thread(() -> {
            for (Preload p : preloads) {
                try {
                    p.module().complete(PrelinkedModule.loadCached(p.name(), p.bytes(), cache));
                } catch (RuntimeException | Error e) {
                    p.module().completeExceptionally(e);
                }
            }
        }, "ledge-module-preloader");
        t.setDaemon(true);
        t.start();
        return new ModulePreloader(preloads);
    }

    /**
     * The module preloaded for {@code name} from exactly these {@code bytes} (waiting for it), or
     * null when there is none: not cached, another version's bytes, or its load failed.
     */
    public PrelinkedModule take(String name, byte[] bytes) {
        for (Preload p : preloads) {
            if (p.name().equals(name) && p.bytes() == bytes) {
                try {
                    return p.module().get();
                } catch (ExecutionException e) {
                    LOG.fine(() -> name + ": loading it ahead failed (" + e.getCause() + "); loading it again");
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }
}
