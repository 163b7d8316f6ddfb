package dev.ledge.soak;

import dev.ledge.engine.CpuLane;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.Sandbox;
import dev.ledge.engine.SandboxLimits;
import dev.ledge.session.Session;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A time-bounded soak on loopback: {@code connections} client threads send requests to one
 * server running guest soak.wat, each picking a behaviour at random (well-behaved, trapping,
 * looping until its CPU budget, growing memory to the cap), and record every answer. Afterwards
 * it waits for the server to drain and measures what was left behind: sandboxes still running,
 * sessions (and their handle tables) not reclaimed after GC, heap used after GC against the
 * start.
 */
public final class SoakRun {
    /** How each behaviour should be answered. */
    enum Behaviour {
        OK("/ok", 80), TRAP("/trap", 8), GROW("/grow", 8), LOOP("/loop", 4);

        final String path;
        final int weight;

        Behaviour(String path, int weight) {
            this.path = path;
            this.weight = Integer.getInteger("ledge.soak.weight." + name().toLowerCase(), weight);
        }
    }

    static final SandboxLimits LIMITS = new SandboxLimits(100, 10_000, 8L << 20);
    /** Pages a /grow request reaches: the 8 MiB cap. */
    static final String FULL_PAGES = "128";

    final int seconds;
    final int connections;
    final Map<Behaviour, AtomicLong> sent = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final List<String> hostProblems = new CopyOnWriteArrayList<>();
    final List<Long> okNanos = Collections.synchronizedList(new ArrayList<>());
    long heapBefore;
    long heapAfter;
    int sandboxesLeft;
    long sessionsAlive;
    double elapsedSeconds;
    double cpuSeconds;

    public SoakRun(int seconds, int connections) {
        this.seconds = seconds;
        this.connections = connections;
    }

    /** Runs the soak and returns this, with the figures filled in. */
    public SoakRun run() throws Exception {
        PrelinkedModule m = PrelinkedModule.load("soak", Wat.compile("soak")).withLimits(LIMITS);
        Logger serverLog = Logger.getLogger("ledge.server");
        Level serverLevel = serverLog.getLevel();
        serverLog.setLevel(Level.SEVERE); // every trap and loop is logged as a warning: too many lines to print
        Handler watch = problemWatch();
        Logger.getLogger("ledge").addHandler(watch);
        try (TestServer server = new TestServer(m, 2 * connections)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            for (Behaviour b : Behaviour.values()) {
                for (int i = 0; i < 20; i++) {
                    send(client, server, b, false);
                }
            }
            heapBefore = usedHeapAfterGc();
            long cpu0 = processCpuNanos();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Random random = new Random(1000 + c);
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        send(client, server, pick(random), true);
                    }
                }, "soak-client-" + c);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            elapsedSeconds = (System.nanoTime() - t0) / 1e9;
            cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            long drainUntil = System.currentTimeMillis() + 30_000;
            while (Sandbox.running() > 0 && System.currentTimeMillis() < drainUntil) {
                Thread.sleep(50);
            }
            sandboxesLeft = Sandbox.running();
        } finally {
            Logger.getLogger("ledge").removeHandler(watch);
            serverLog.setLevel(serverLevel);
        }
        heapAfter = usedHeapAfterGc();
        sessionsAlive = Session.alive();
        return this;
    }

    private static Behaviour pick(Random random) {
        int total = 0;
        for (Behaviour b : Behaviour.values()) {
            total += b.weight;
        }
        int r = random.nextInt(total);
        for (Behaviour b : Behaviour.values()) {
            r -= b.weight;
            if (r < 0) {
                return b;
            }
        }
        throw new IllegalStateException();
    }

    private void send(HttpClient client, TestServer server, Behaviour b, boolean count) {
        HttpRequest req = HttpRequest.newBuilder(server.uri(b.path)).timeout(Duration.ofSeconds(60)).build();
        long t0 = System.nanoTime();
        String answer;
        boolean expected;
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - t0;
            int status = r.statusCode();
            String body = r.body();
            switch (b) {
                case OK -> {
                    expected = status == 200 && body.equals("ok\n");
                    if (count && expected) {
                        okNanos.add(nanos);
                    }
                }
                case TRAP -> expected = status == 500 && body.contains("trapped");
                case GROW -> expected = status == 200 && FULL_PAGES.equals(r.headers().firstValue("x-pages").orElse(""));
                case LOOP -> expected = status == 503 && (body.contains("CPU budget") || body.contains("wall-clock deadline"));
                default -> throw new IllegalStateException();
            }
            answer = String.valueOf(status);
            if (!expected && count && unexpected.size() < 100) {
                unexpected.add(b + " got " + status + " " + r.headers().map() + ": " + body.trim());
            }
        } catch (Exception e) {
            answer = "client error " + e.getClass().getSimpleName();
            if (count && unexpected.size() < 100) {
                unexpected.add(b + " failed: " + e);
            }
        }
        if (count) {
            sent.computeIfAbsent(b, k -> new AtomicLong()).incrementAndGet();
            answers.computeIfAbsent(b + " " + answer, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private Handler problemWatch() {
        return new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue() && !r.getLoggerName().equals("ledge.server")
                        && hostProblems.size() < 100) {
                    hostProblems.add(r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : ": " + r.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    long total() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
    }

    double okPercentileMs(int p) {
        List<Long> sorted = new ArrayList<>(okNanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    /** The figures as a Markdown list. */
    public String report() {
        Map<String, Long> bySent = new TreeMap<>();
        sent.forEach((k, v) -> bySent.put(k.name().toLowerCase(), v.get()));
        Map<String, Long> byAnswer = new TreeMap<>();
        answers.forEach((k, v) -> byAnswer.put(k.toLowerCase(), v.get()));
        return String.format("""
                - duration: %.1f s at %d connections, %d requests (%.0f per second), %.1f s of CPU used by the JVM (server and clients)
                - requests by behaviour: %s
                - answers by behaviour and status: %s
                - unexpected answers: %d%s
                - host problems logged: %d%s
                - well-behaved latency: p50 %.2f ms, p99 %.2f ms
                - heap used after GC: %d MiB before, %d MiB after
                - sandboxes still running after the drain: %d
                - sessions (with their handle tables) not reclaimed after GC: %d
                - CPU lane: %d heavy turn(s), heavy after %d ms
                """, elapsedSeconds, connections, total(), total() / elapsedSeconds, cpuSeconds, bySent, byAnswer,
                unexpected.size(), unexpected.isEmpty() ? "" : " " + unexpected.subList(0, Math.min(5, unexpected.size())),
                hostProblems.size(), hostProblems.isEmpty() ? "" : " " + hostProblems.subList(0, Math.min(5, hostProblems.size())),
                okPercentileMs(50), okPercentileMs(99), heapBefore >> 20, heapAfter >> 20, sandboxesLeft, sessionsAlive,
                CpuLane.turns(), CpuLane.heavyAfterMs());
    }
}
