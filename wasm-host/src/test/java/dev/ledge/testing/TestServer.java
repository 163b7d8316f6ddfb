package dev.ledge.testing;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.Session;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import dev.ledge.server.LedgeServer;
import dev.ledge.server.ServiceConfig;
import dev.ledge.session.GuestLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real Ledge server on a free loopback port, with the guest output it logged kept for assertions. */
public final class TestServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final ServiceResources resources;
    private final LedgeServer server;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Every guest line logged: "id source: line". */
    public final List<String> guestLines = new CopyOnWriteArrayList<>();
    /** The guest lines' live feed, as the admin address's /tail serves it. */
    public final dev.ledge.ops.LogTail tail = new dev.ledge.ops.LogTail();

    public TestServer(PrelinkedModule module) {
        this(module, 64);
    }

    public TestServer(PrelinkedModule module, int maxInFlight) {
        this(module, maxInFlight, FastlyToml.empty());
    }

    /** A server whose service is configured from {@code toml}; data lives under target/test-work. */
    public TestServer(PrelinkedModule module, int maxInFlight, FastlyToml toml) {
        this(module, maxInFlight, toml, Path.of(System.getProperty("ledge.test.work", "target/test-work"), "data-" + Session.newTraceId()));
    }

    /** A server whose data lives in {@code data}, so that a second server there sees what the first one kept. */
    public TestServer(PrelinkedModule module, int maxInFlight, FastlyToml toml, Path data) {
        GuestLog log = tail.forService(module.name(), (id, source, line) -> guestLines.add(id + " " + source + ": " + line));
        resources = ServiceResources.configure(toml, new HostContext(vertx, data));
        server = new LedgeServer(vertx, new ServiceConfig(module.name(), module, resources, toml.environment(), log), maxInFlight);
        port = server.start("127.0.0.1", 0);
    }

    /** Trusts these proxies' Forwarded / X-Forwarded-For headers for the client address. */
    public TestServer trustProxies(java.util.List<String> proxies) {
        server.trustProxies(dev.ledge.server.ClientAddress.trusting(proxies));
        return this;
    }

    /** Switches on the Server-Timing header and/or the JSON access log. */
    public TestServer observe(boolean serverTiming, boolean accessLog) {
        server.observe(serverTiming, accessLog);
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The service's shared parts (its cache, stores, ...), for tests that look inside or steer them. */
    public ServiceResources resources() {
        return resources;
    }

    public int port() {
        return port;
    }

    /** The Vert.x instance the server runs on (closed with it). */
    public Vertx vertx() {
        return vertx;
    }

    public HttpClient client() {
        return client;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest req) {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request " + req.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.close();
        resources.close();
        vertx.close();
    }
}
