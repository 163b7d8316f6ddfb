package dev.ledge.bench;

import dev.ledge.engine.CompileCache;
import dev.ledge.engine.LedgeException;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.RunOutcome;
import dev.ledge.server.LedgeServer;
import dev.ledge.server.ServiceConfig;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.GuestEnvironment;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Measures one module in-process: load (compile or compile-cache hit), the first whole request
 * after loading, instantiation and whole requests in a loop, and requests per second over loopback
 * HTTP against a {@link LedgeServer} (optionally beside a plain Vert.x handler sending the same bytes).
 */
public final class ModuleBench {
    /** The guest threads of the server have this much stack; the in-process loops get the same. */
    private static final long STACK_BYTES = 16L << 20;

    private final Vertx vertx;
    private final ServiceResources resources;
    private final GuestEnvironment environment;
    private final BenchSettings settings;

    public ModuleBench(Vertx vertx, ServiceResources resources, GuestEnvironment environment, BenchSettings settings) {
        this.vertx = vertx;
        this.resources = resources;
        this.environment = environment;
        this.settings = settings;
    }

    /** Loads {@code path} (through {@code cache}, null for none) and measures it. */
    public ModuleResult measure(Path path, CompileCache cache) {
        long t0 = System.nanoTime();
        PrelinkedModule pm = PrelinkedModule.load(path, cache);
        double loadMillis = (System.nanoTime() - t0) / 1e6;

        double firstMillis = onGuestThread(() -> {
            long s = System.nanoTime();
            RunOutcome outcome = request(pm);
            if (!outcome.ok()) {
                throw new LedgeException(pm.name() + ": GET " + settings.path() + " "
                        + outcome.kind().name().toLowerCase() + ": " + outcome.message());
            }
            return (System.nanoTime() - s) / 1e6;
        });
        // Whole requests first: their warm-up also warms instantiation, and by the time instantiation
        // is timed the background work of loading (defining compiled classes, JIT) is over.
        Latency[] request = onGuestThread(() -> loop(() -> request(pm)));
        Latency instantiate = onGuestThread(() -> loop(() -> { PrelinkedModule.release(pm.instantiate()); return null; }))[0];

        HttpLoad.Result http;
        HttpLoad.Result baseline = HttpLoad.Result.NONE;
        ServiceConfig svc = new ServiceConfig(pm.name(), pm, resources, environment, SyntheticRequest.DISCARD);
        LedgeServer server = new LedgeServer(vertx, svc, Math.max(64, settings.connections()));
        try {
            int port = server.start("127.0.0.1", 0);
            URI uri = URI.create("http://127.0.0.1:" + port + settings.path());
            http = new HttpLoad(uri, settings.connections()).run(settings.warmup(), settings.requests());
            if (settings.baselineVertx()) {
                baseline = baseline(uri);
            }
        } finally {
            server.close();
        }
        return new ModuleResult(pm.name(), loadMillis, pm.compiled().fromCache(), instantiate, request[0],
                firstMillis, http, baseline, request[1]);
    }

    /** Serves the exact status, content type and body the guest answered from plain Vert.x, and loads it the same way. */
    private HttpLoad.Result baseline(URI guest) {
        HttpResponse<byte[]> sample;
        try {
            sample = HttpClient.newHttpClient().send(HttpRequest.newBuilder(guest).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new LedgeException("cannot fetch the guest's answer for the baseline: " + e, e);
        }
        String type = sample.headers().firstValue("content-type").orElse(null);
        try (PlainVertxServer plain = new PlainVertxServer(vertx, sample.statusCode(), type, sample.body())) {
            URI uri = URI.create("http://127.0.0.1:" + plain.port() + settings.path());
            return new HttpLoad(uri, settings.connections()).run(settings.warmup(), settings.requests());
        }
    }

    /**
     * Runs {@code warmup} untimed then {@code requests} timed calls of {@code action}: their wall
     * time and the CPU time of this thread, as {wall, cpu}.
     */
    private Latency[] loop(Supplier<?> action) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < settings.warmup(); i++) {
            action.get();
        }
        long[] wall = new long[settings.requests()];
        long[] cpu = new long[settings.requests()];
        for (int i = 0; i < wall.length; i++) {
            long c = mx.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            action.get();
            wall[i] = System.nanoTime() - s;
            cpu[i] = mx.getCurrentThreadCpuTime() - c;
        }
        return new Latency[] {Latency.of(wall), Latency.of(cpu)};
    }

    /** One whole request in a fresh sandbox: a synthetic GET of the path, the response discarded. */
    private RunOutcome request(PrelinkedModule pm) {
        return pm.sandbox().run(SyntheticRequest.session(resources, environment, settings.path()));
    }

    /** Runs {@code work} on a thread with a guest thread's stack and returns its result. */
    private static <T> T onGuestThread(Supplier<T> work) {
        Object[] result = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.get();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "ledge-bench", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgeException("interrupted while measuring");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
