package dev.ledge.hostcalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.ValType;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.http.Body;
import dev.ledge.http.DownstreamInfo;
import dev.ledge.http.RequestHead;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.Session;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every implemented hostcall directly with random and boundary arguments (pointers at and
 * past the end of memory, lengths of 0 and 4 GiB, handles that are unknown, closed, of another
 * kind, or the SDKs' invalid value, enum values out of range). Each call must answer a status the
 * ABI defines; none may end in a host exception (the dispatcher would log it and answer error).
 */
class HostcallFuzzTest {
    private static final long[] BOUNDARY = {0, 1, 2, 3, 4, 7, 8, 15, 16, 64, 4096, 65532, 65535, 65536, 65537,
        0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL, -1};

    @Test
    void randomAndBoundaryArgumentsNeverEscapeAsHostExceptions(@TempDir Path dir) throws Exception {
        List<String> hostFailures = new ArrayList<>();
        Handler watch = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    hostFailures.add(r.getMessage() + (r.getThrown() == null ? "" : ": " + r.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("ledge.hostcalls").addHandler(watch);
        Vertx vertx = Vertx.vertx();
        ScheduledExecutorService interrupter = Executors.newSingleThreadScheduledExecutor();
        Map<String, Integer> statuses = new TreeMap<>();
        try (ServiceResources resources = ServiceResources.configure(FastlyToml.empty(), new HostContext(vertx, dir))) {
            Instance instance = PrelinkedModule.load("nothing", Wat.compile("nothing")).instantiate();
            Random random = new Random(20261127);
            HostcallRegistry registry = HostcallRegistry.standard();
            for (HostcallDef def : registry.all().values()) {
                for (int round = 0; round < 60; round++) {
                    Session s = session(resources);
                    s.enter(instance.memory());
                    // A few real handles of different kinds, so that wrong-kind answers are exercised.
                    s.handles().add(new Body());
                    s.handles().add(new RequestHead());
                    Thread me = Thread.currentThread();
                    var stop = interrupter.schedule(me::interrupt, 300, TimeUnit.MILLISECONDS);
                    try {
                        long[] args = new long[def.type().params().size()];
                        for (int i = 0; i < args.length; i++) {
                            long v = random.nextInt(3) == 0 ? random.nextInt() : BOUNDARY[random.nextInt(BOUNDARY.length)];
                            args[i] = def.type().params().get(i).equals(ValType.I64) ? v : (int) v;
                        }
                        long[] result = HostcallDispatcher.handle(def).apply(instance, args);
                        int status = (int) result[0];
                        assertTrue(status >= 0 && status <= 14, def.qualifiedName() + " answered " + status);
                        statuses.merge(def.qualifiedName() + " " + status, 1, Integer::sum);
                    } catch (SandboxInterruptedException e) {
                        // A call that waits (select with a timeout, next_request_wait) was stopped: fine.
                    } finally {
                        stop.cancel(false);
                        Thread.interrupted();
                        s.exit();
                    }
                }
            }
            assertEquals(List.of(), hostFailures, "hostcalls that failed inside the host");
            assertTrue(statuses.keySet().stream().anyMatch(k -> k.endsWith(" 3")), "some calls answered badf");
            assertTrue(statuses.keySet().stream().anyMatch(k -> k.endsWith(" 2")), "some calls answered inval");
        } finally {
            Logger.getLogger("ledge.hostcalls").removeHandler(watch);
            interrupter.shutdownNow();
            vertx.close();
        }
    }

    private static Session session(ServiceResources resources) {
        RequestHead head = new RequestHead();
        head.uri = "http://localhost/";
        InetAddress lo = InetAddress.getLoopbackAddress();
        head.downstream = new DownstreamInfo(lo, lo, List.of("host"), Session.newTraceId());
        return Session.builder().resources(resources).downstream(head, new Body())
                .responder((r, b, streaming) -> { }).log((id, src, line) -> { }).build();
    }
}
