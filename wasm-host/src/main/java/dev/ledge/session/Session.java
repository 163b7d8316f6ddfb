package dev.ledge.session;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.ledge.http.Body;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything one request's sandbox owns: its handles, the client request, the way back to the
 * client, its output and its WASI state. Hostcalls find the session of the guest calling them
 * through {@link #current()}, which the sandbox sets on the thread that runs the guest.
 */
public final class Session {
    private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.lang.ref.Cleaner REAPER = java.lang.ref.Cleaner.create();
    private static final java.util.concurrent.atomic.AtomicLong ALIVE = new java.util.concurrent.atomic.AtomicLong();
    /** Bytes of stdout/stderr kept per request before output is dropped. */
    public static final long OUTPUT_LIMIT = 1 << 20;

    private final String id;
    private final HandleTables handles = new HandleTables();
    private final GuestLog log;
    private final dev.ledge.service.ServiceResources resources;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final java.io.OutputStream stdoutPassthrough;
    private final Map<String, java.nio.file.Path> directories;
    private final java.io.OutputStream stderrPassthrough;
    /** Client requests this session has been given, in order; the guest answers them in order. */
    private final java.util.List<Exchange> exchanges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean downstreamTaken;
    private final NextRequestSource nextRequests;
    private final java.util.List<RequestPromise> promises = new java.util.ArrayList<>();
    private volatile long instantiateNanos = -1;
    private long logBytes;
    private boolean logDropped;
    private volatile long executeStartNanos = -1;
    private GuestMemory memory;
    private WasiPreview1 wasi;
    private GuestOutput stdout;
    private GuestOutput stderr;
    private boolean abiInitialized;
    private java.util.Map<Class<?>, Object> attachments;
    private long cpuStartNanos = -1;
    private final List<Runnable> exitActions = new java.util.ArrayList<>();

    private Session(Builder b) {
        ALIVE.incrementAndGet();
        REAPER.register(this, ALIVE::decrementAndGet);
        this.id = b.id != null ? b.id : newTraceId();
        this.log = b.log;
        this.resources = b.resources;
        Map<String, String> env = b.environment.variables(id);
        env.putAll(b.extraEnvironment);
        this.environment = env;
        this.arguments = b.arguments;
        this.stdoutPassthrough = b.stdout;
        this.directories = b.directories;
        this.stderrPassthrough = b.stderr;
        if (b.downstreamHead != null || b.responder != null) {
            exchanges.add(new Exchange(b.downstreamHead, b.downstreamBody, b.responder));
            countVisit(b.downstreamHead);
            if (b.responder != null) {
                b.responder.attached(this);
            }
        }
        this.nextRequests = b.nextRequests;
    }

    /**
     * Sessions (and so handle tables) not yet reclaimed by the garbage collector, across the
     * process: after the requests have ended and a GC has run, this returns to about 0 unless
     * something holds on to finished sessions.
     */
    public static long alive() {
        return ALIVE.get();
    }

    /** Counts a client request for the visit counters. */
    private void countVisit(RequestHead head) {
        if (head != null && head.downstream != null) {
            ClientVisits.record(resources, head.downstream.clientAddress());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh 32-hex-digit id, used as FASTLY_TRACE_ID and in log lines. */
    public static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] hex = new char[32];
        for (int half = 0; half < 2; half++) {
            long v = r.nextLong();
            for (int i = 15; i >= 0; i--) {
                hex[half * 16 + i] = Character.forDigit((int) (v & 15), 16);
                v >>>= 4;
            }
        }
        return new String(hex);
    }

    /** The session of the guest running on this thread. */
    public static Session current() {
        Session s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("hostcall outside a sandbox run");
        }
        return s;
    }

    /**
     * Passes one log-endpoint line on unless this request has already logged {@link #OUTPUT_LIMIT}
     * bytes; past that, lines are dropped and one line says so.
     */
    public void logLine(String endpoint, String line) {
        if (logDropped) {
            return;
        }
        logBytes += line.length();
        if (logBytes > OUTPUT_LIMIT) {
            logDropped = true;
            log.line(id, endpoint, "[ledge: log output past " + OUTPUT_LIMIT + " bytes in this request dropped]");
            return;
        }
        log.line(id, endpoint, line);
    }

    /** Records how long instantiation took; execution is timed from now. */
    public void markInstantiated(long nanos) {
        instantiateNanos = nanos;
        executeStartNanos = System.nanoTime();
    }

    /** Nanoseconds spent instantiating this session's sandbox, or -1 before it is done. */
    public long instantiateNanos() {
        return instantiateNanos;
    }

    /** Nanoseconds the guest has run so far, or -1 before it starts. */
    public long executeNanosSoFar() {
        long start = executeStartNanos;
        return start < 0 ? -1 : System.nanoTime() - start;
    }

    /** Makes this the current session of the calling thread until {@link #exit()}. */
    public void enter(Memory mem) {
        this.memory = new GuestMemory(mem);
        this.cpuStartNanos = CpuClock.threadNanos();
        CURRENT.set(this);
    }

    public void exit() {
        CURRENT.remove();
        // Requests promised to this sandbox but never taken go back to the server.
        for (RequestPromise p : promises) {
            if (!p.end()) {
                Exchange untaken = p.untaken();
                if (untaken != null && !exchanges.contains(untaken)) {
                    nextRequests.giveBack(untaken);
                }
            }
        }
        promises.clear();
        for (Runnable r : exitActions) {
            try {
                r.run();
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger("ledge.session").log(java.util.logging.Level.WARNING,
                        "[" + id + "] cleanup after the guest failed", e);
            }
        }
        exitActions.clear();
        if (stdout != null) {
            stdout.flush();
            stderr.flush();
        }
        if (wasi != null) {
            wasi.close();
        }
    }

    /**
     * Runs {@code action} when the guest's run ends, e.g. to release what its open handles hold
     * (an obligation to fill the cache, a cache object it never finished writing).
     */
    public void onExit(Runnable action) {
        exitActions.add(action);
    }

    public String id() {
        return id;
    }

    /** CPU time the calling (guest) thread has used since this session entered it, in ns; -1 when unknown. */
    public long cpuNanosUsed() {
        long now = CpuClock.threadNanos();
        return now < 0 || cpuStartNanos < 0 ? -1 : now - cpuStartNanos;
    }

    public HandleTables handles() {
        return handles;
    }

    public GuestMemory memory() {
        return memory;
    }

    public GuestLog log() {
        return log;
    }

    /** The service's shared stores, backends and so on; null only in tests that give none. */
    public dev.ledge.service.ServiceResources resources() {
        return resources;
    }

    /** The service part of type {@code type} (see {@link dev.ledge.service.ServiceResources#get}). */
    public <T> T resource(Class<T> type) {
        if (resources == null) {
            throw new IllegalStateException("this session has no service resources");
        }
        return resources.get(type);
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Hands out the client request and its body, once. */
    public boolean takeDownstream() {
        if (downstreamTaken || exchanges.isEmpty() || exchanges.get(0).head() == null) {
            return false;
        }
        downstreamTaken = true;
        return true;
    }

    /** The first client request of this session (the one `body_downstream_get` hands out), or null. */
    public RequestHead downstreamHead() {
        return exchanges.isEmpty() ? null : exchanges.get(0).head();
    }

    public Body downstreamBody() {
        return exchanges.isEmpty() ? null : exchanges.get(0).body();
    }

    /** Every client request this session was given, in order. */
    public java.util.List<Exchange> exchanges() {
        return exchanges;
    }

    /** Registers a promise of a further request; unsupported where nothing routes requests here. */
    public RequestPromise promiseNextRequest(long timeoutMs) {
        if (nextRequests == null) {
            throw new AbiError(dev.ledge.abi.Status.UNSUPPORTED, "this run takes no further client requests");
        }
        RequestPromise p = nextRequests.register(timeoutMs);
        promises.add(p);
        return p;
    }

    /** Takes the request {@code p} delivered; its response comes after the earlier ones'. */
    public void accept(RequestPromise p, Exchange e) {
        promises.remove(p);
        exchanges.add(e);
        countVisit(e.head());
        if (e.responder() != null) {
            e.responder().attached(this);
        }
    }

    /** Gives up promise {@code p}; a request it already received is run elsewhere. */
    public void abandon(RequestPromise p) {
        promises.remove(p);
        if (!p.end()) {
            Exchange untaken = p.untaken();
            if (untaken != null) {
                nextRequests.giveBack(untaken);
            }
        }
    }

    /** Promises this session made that are still open or delivered but untaken. */
    public java.util.List<RequestPromise> promises() {
        return promises;
    }

    /** The exchange the next send_downstream answers: the oldest without a response. */
    private Exchange unanswered() {
        for (Exchange e : exchanges) {
            if (!e.responseSent()) {
                return e;
            }
        }
        return null;
    }

    /**
     * Per-request state a capability keeps beside its handles (e.g. dynamic backends),
     * created on first use.
     */
    public <T> T attachment(Class<T> type, java.util.function.Supplier<T> create) {
        if (attachments == null) {
            attachments = new java.util.HashMap<>(4);
        }
        return type.cast(attachments.computeIfAbsent(type, k -> create.get()));
    }

    public boolean abiInitialized() {
        return abiInitialized;
    }

    public void markAbiInitialized() {
        abiInitialized = true;
    }

    /** Sends the response to the client; a second response is refused. */
    public void sendDownstream(ResponseHead head, Body body, boolean streaming) {
        Exchange e = unanswered();
        if (e == null) {
            throw new AbiError(dev.ledge.abi.Status.ERROR, exchanges.isEmpty()
                    ? "this run has no client to respond to" : "a response has already been sent downstream");
        }
        if (e.responder() == null) {
            throw new AbiError(dev.ledge.abi.Status.ERROR, "this run has no client to respond to");
        }
        e.markSent(streaming ? body : null);
        e.responder().send(head, body, streaming);
    }

    /** The client request the next response (or hand-off) answers, or null when every one has its answer. */
    public RequestHead unansweredRequest() {
        Exchange e = unanswered();
        return e == null ? null : e.head();
    }

    /**
     * Hands the connection of the client request {@link #unansweredRequest()} names to a backend
     * (WebSocket passthrough): that request counts as answered, and the server carries the
     * hand-off out in the background while the guest goes on.
     */
    public void handOff(dev.ledge.backend.WebSocketHandoff handoff) {
        Exchange e = unanswered();
        if (e == null) {
            throw new AbiError(dev.ledge.abi.Status.ERROR, exchanges.isEmpty()
                    ? "this run has no client to hand off" : "the client request has already been answered or handed off");
        }
        if (e.responder() == null || !e.responder().handOff(handoff)) {
            throw new AbiError(dev.ledge.abi.Status.UNSUPPORTED, "this run has no client connection to hand off");
        }
        e.markHandedOff();
    }

    /** Whether every request given to this session has its response. */
    public boolean responseSent() {
        return unanswered() == null;
    }

    /** The body the guest is still streaming to its first client, if any. */
    public Body streamingBody() {
        return exchanges.isEmpty() ? null : exchanges.get(0).streamingBody();
    }

    /** This session's WASI state (argv, environment, stdout, stderr, files), created on first use. */
    public WasiPreview1 wasi() {
        if (wasi == null) {
            stdout = new GuestOutput(id, "stdout", log, OUTPUT_LIMIT);
            stderr = new GuestOutput(id, "stderr", log, OUTPUT_LIMIT);
            WasiOptions.Builder opts = WasiOptions.builder()
                    .withArguments(arguments)
                    .withStdout(stdoutPassthrough != null ? stdoutPassthrough : stdout)
                    .withStderr(stderrPassthrough != null ? stderrPassthrough : stderr)
                    .withStdin(java.io.InputStream.nullInputStream())
                    .withRandom(RANDOM)
                    .withClock(java.time.Clock.systemUTC());
            environment.forEach(opts::withEnvironment);
            directories.forEach(opts::withDirectory);
            wasi = WasiPreview1.builder().withLogger(WasiLog.INSTANCE).withOptions(opts.build()).build();
        }
        return wasi;
    }

    /** Collects what a session needs; the server and `ledge run` fill it differently. */
    public static final class Builder {
        private String id;
        private GuestLog log = GuestLog.SERVER_LOG;
        private dev.ledge.service.ServiceResources resources;
        private GuestEnvironment environment = GuestEnvironment.defaults();
        private List<String> arguments = List.of("compute-app");
        private RequestHead downstreamHead;
        private Body downstreamBody;
        private DownstreamResponder responder;
        private NextRequestSource nextRequests;
        private java.io.OutputStream stdout;
        private java.io.OutputStream stderr;
        private Map<String, java.nio.file.Path> directories = Map.of();
        private Map<String, String> extraEnvironment = Map.of();

        /** Host directories the guest may open, by guest path (`ledge run --dir`); none by default. */
        public Builder directories(Map<String, java.nio.file.Path> dirs) {
            this.directories = Map.copyOf(dirs);
            return this;
        }

        /** Environment variables beside the FASTLY_* ones (`ledge run --env`). */
        public Builder extraEnvironment(Map<String, String> env) {
            this.extraEnvironment = Map.copyOf(env);
            return this;
        }

        /** Sends the guest's stdout and stderr straight to these streams instead of the log. */
        public Builder passthroughOutput(java.io.OutputStream out, java.io.OutputStream err) {
            this.stdout = out;
            this.stderr = err;
            return this;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder log(GuestLog log) {
            this.log = log;
            return this;
        }

        public Builder resources(dev.ledge.service.ServiceResources r) {
            this.resources = r;
            return this;
        }

        public Builder environment(GuestEnvironment env) {
            this.environment = env;
            return this;
        }

        public Builder arguments(List<String> args) {
            this.arguments = List.copyOf(args);
            return this;
        }

        public Builder downstream(RequestHead head, Body body) {
            this.downstreamHead = head;
            this.downstreamBody = body;
            return this;
        }

        /** Lets the guest opt into handling further requests in the same sandbox. */
        public Builder nextRequests(NextRequestSource source) {
            this.nextRequests = source;
            return this;
        }

        public Builder responder(DownstreamResponder r) {
            this.responder = r;
            return this;
        }

        public Session build() {
            return new Session(this);
        }
    }
}
