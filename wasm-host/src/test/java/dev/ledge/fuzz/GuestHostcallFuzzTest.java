package dev.ledge.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.abi.AbiFunction;
import dev.ledge.abi.Status;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.SandboxLimits;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every implemented hostcall from inside a guest served by a real server: the guest is
 * generated from the ABI description ({@link GuestFuzzModule}), calls each hostcall with seeded
 * random and boundary arguments, and prints which statuses it saw. Every status must be ok or one
 * that abi/spec lists for that very call, nothing may fail inside the host, and the server must
 * answer a plain request after. The calls left out are in {@link GuestFuzzModule#EXCLUDED}.
 */
class GuestHostcallFuzzTest {
    static final int ROUNDS = 40;
    static final int SEEDS = 5;

    @Test
    void everyHostcallAnswersADefinedStatusToARandomGuest() {
        List<String> hostFailures = new ArrayList<>();
        Handler watch = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue() && !r.getLoggerName().equals("ledge.server")) {
                    hostFailures.add(r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : ": " + r.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("ledge").addHandler(watch);
        // A lane of its own: the fuzzing guest runs long enough to count as CPU-heavy, and a guest an
        // earlier test in this JVM left running to its deadline must not hold the lane's only turn.
        dev.ledge.engine.CpuLane.configure(dev.ledge.engine.CpuLane.turns(), dev.ledge.engine.CpuLane.heavyAfterMs());
        GuestFuzzModule gen = new GuestFuzzModule();
        PrelinkedModule m = PrelinkedModule.load("guest_fuzz", Wat.compileText("guest_fuzz", gen.wat(ROUNDS)))
                .withLimits(new SandboxLimits(60_000, 60_000, SandboxLimits.DEFAULT_MEMORY_CAP_BYTES));
        Map<String, Set<Status>> seen = new TreeMap<>();
        try (TestServer server = new TestServer(m)) {
            for (int seed = 1; seed <= SEEDS; seed++) {
                server.guestLines.clear();
                HttpResponse<String> r = server.get("/fuzz/" + seed);
                assertTrue(r.statusCode() >= 200 && r.statusCode() < 600, "the fuzzing request got an HTTP answer: " + r.statusCode());
                // The guest's stdout is flushed when its run ends, just after its response: wait for the lines.
                for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end
                        && server.guestLines.stream().filter(l -> l.contains("fuzz ")).count() < gen.functions.size(); ) {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                }
                int reported = 0;
                for (String line : server.guestLines) {
                    int at = line.indexOf("fuzz ");
                    if (at < 0) {
                        continue;
                    }
                    String[] parts = line.substring(at).trim().split(" ");
                    AbiFunction f = gen.functions.get(Integer.parseInt(parts[1], 16));
                    int mask = (int) Long.parseLong(parts[2], 16);
                    Set<Status> statuses = seen.computeIfAbsent(f.qualifiedName(), k -> EnumSet.noneOf(Status.class));
                    for (int bit = 0; bit < 32; bit++) {
                        if ((mask & (1 << bit)) != 0) {
                            assertTrue(bit < Status.values().length, f.qualifiedName() + " answered a status the ABI does not define (bit " + bit + ")");
                            statuses.add(Status.byCode(bit));
                        }
                    }
                    reported++;
                }
                assertEquals(gen.functions.size(), reported, "the guest ran to its end and reported every hostcall (seed " + seed + "): "
                        + server.guestLines.stream().filter(l -> !l.contains("fuzz ")).toList());
            }
            HttpResponse<String> plain = server.get("/plain");
            assertEquals(200, plain.statusCode(), "the server still answers a plain request");
        } finally {
            Logger.getLogger("ledge").removeHandler(watch);
        }
        List<String> undocumented = new ArrayList<>();
        for (AbiFunction f : gen.functions) {
            for (Status s : seen.getOrDefault(f.qualifiedName(), Set.of())) {
                if (s != Status.OK && !f.statuses().containsKey(s)) {
                    undocumented.add(f.qualifiedName() + " " + s.spelling());
                }
            }
        }
        System.out.println("GuestHostcallFuzzTest: " + gen.functions.size() + " hostcalls x " + ROUNDS + " rounds x " + SEEDS
                + " seeds; statuses seen: " + seen);
        System.out.println("GuestHostcallFuzzTest: statuses the spec does not list for the call: " + undocumented);
        assertEquals(List.of(), hostFailures, "failures inside the host");
        assertEquals(List.of(), undocumented, "statuses that abi/spec does not list for the call that answered them");
        assertTrue(seen.values().stream().anyMatch(s -> s.contains(Status.BADF)), "some calls answered badf");
        assertTrue(seen.values().stream().anyMatch(s -> s.contains(Status.INVAL)), "some calls answered inval");
    }
}
