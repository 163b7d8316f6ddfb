package dev.ledge.benchmarks;

import dev.ledge.bench.SyntheticRequest;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.RunOutcome;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
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
import org.openjdk.jmh.annotations.Warmup;

/** A whole request without a network: fresh sandbox, synthetic {@code GET /}, response discarded. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RequestBenchmark {
    @Param({"rust-echo", "go-echo", "js-echo"})
    public String module;

    @Param({"/"})
    public String path;

    private PrelinkedModule prelinked;
    private Vertx vertx;
    private ServiceResources resources;
    private FastlyToml toml;

    @Setup
    public void load() throws IOException {
        prelinked = Samples.load(module);
        vertx = Vertx.vertx();
        toml = FastlyToml.empty();
        resources = ServiceResources.configure(toml, new HostContext(vertx, Files.createTempDirectory("ledge-jmh")));
    }

    @Benchmark
    public RunOutcome request() {
        RunOutcome outcome = prelinked.sandbox().run(SyntheticRequest.session(resources, toml.environment(), path));
        if (!outcome.ok()) {
            throw new IllegalStateException(module + " GET " + path + ": " + outcome.message());
        }
        return outcome;
    }

    @TearDown
    public void close() {
        resources.close();
        vertx.close();
    }
}
