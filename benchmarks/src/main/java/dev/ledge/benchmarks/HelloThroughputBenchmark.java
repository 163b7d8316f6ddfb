package dev.ledge.benchmarks;

import dev.ledge.bench.PlainVertxServer;
import dev.ledge.bench.SyntheticRequest;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.server.LedgeServer;
import dev.ledge.server.ServiceConfig;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second over loopback HTTP, with the same load generator (the JDK HttpClient,
 * HTTP/1.1 keep-alive, one JMH thread per connection) against either a Ledge server running the
 * guest in a fresh sandbox per request, or a plain Vert.x handler answering with the bytes that
 * guest answered. {@code target=vertx} is the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "-Xmx3g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(8)
public class HelloThroughputBenchmark {
    @Param({"rust-hello", "rust-echo", "go-echo", "js-echo"})
    public String module;

    @Param({"ledge", "vertx"})
    public String target;

    private Vertx vertx;
    private ServiceResources resources;
    private LedgeServer ledge;
    private PlainVertxServer plain;
    private HttpClient client;
    private HttpRequest request;

    @Setup
    public void start() throws Exception {
        vertx = Vertx.vertx();
        FastlyToml toml = FastlyToml.empty();
        resources = ServiceResources.configure(toml, new HostContext(vertx, Files.createTempDirectory("ledge-jmh")));
        PrelinkedModule pm = Samples.load(module);
        ledge = new LedgeServer(vertx, new ServiceConfig(pm.name(), pm, resources, toml.environment(), SyntheticRequest.DISCARD), 64);
        int port = ledge.start("127.0.0.1", 0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        if (target.equals("vertx")) {
            HttpResponse<byte[]> sample = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            plain = new PlainVertxServer(vertx, sample.statusCode(), sample.headers().firstValue("content-type").orElse(null), sample.body());
            uri = URI.create("http://127.0.0.1:" + plain.port() + "/");
        }
        request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
    }

    @Benchmark
    public int get() throws Exception {
        HttpResponse<byte[]> resp = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(target + " " + module + ": status " + resp.statusCode());
        }
        return resp.body().length;
    }

    @TearDown
    public void stop() {
        if (plain != null) {
            plain.close();
        }
        ledge.close();
        resources.close();
        vertx.close();
    }
}
