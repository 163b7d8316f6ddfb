package dev.ledge.benchmarks;

import com.dylibso.chicory.runtime.Instance;
import dev.ledge.engine.PrelinkedModule;
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
import org.openjdk.jmh.annotations.Warmup;

/** A fresh instance of a prelinked guest: fresh memory, globals and tables, the compiled code reused. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InstantiateBenchmark {
    @Param({"rust-echo", "go-echo", "js-echo"})
    public String module;

    private PrelinkedModule prelinked;

    @Setup
    public void load() {
        prelinked = Samples.load(module);
    }

    @Benchmark
    public Instance instantiate() {
        return prelinked.instantiate();
    }
}
