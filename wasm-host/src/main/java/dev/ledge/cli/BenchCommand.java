package dev.ledge.cli;

import dev.ledge.bench.BenchReport;
import dev.ledge.bench.BenchSettings;
import dev.ledge.bench.ModuleBench;
import dev.ledge.bench.ModuleResult;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ledge bench}: loads each module in-process and measures compile/load time, the first
 * request, instantiation and whole requests, and requests per second over loopback HTTP.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure modules in-process: compile/load, first request, instantiate and whole-request p50/p90/p99,",
                "and requests/second over loopback HTTP (JDK HttpClient, one thread per connection)."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "MODULE.wasm", description = "The modules to measure.")
    List<Path> modules = new ArrayList<>();

    @Option(names = {"-C", "--config"}, paramLabel = "FILE", description = "A fastly.toml with the local configuration.")
    Path config;

    @Option(names = "--requests", defaultValue = "2000", description = "Timed iterations of each measurement (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", defaultValue = "200", description = "Untimed iterations before each measurement (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--connections", defaultValue = "8", description = "Concurrent HTTP connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--path", defaultValue = "/", description = "The path requested (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--baseline-vertx", description = "Also serve the guest's answer from a plain Vert.x handler and load it the same way.")
    boolean baselineVertx;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @picocli.CommandLine.Mixin
    CacheOptions cache = new CacheOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BenchSettings settings = new BenchSettings(requests, warmup, connections, path, baselineVertx);
        FastlyToml toml = Configs.load(config);
        Path data = Files.createTempDirectory("ledge-bench");
        Vertx vertx = Vertx.vertx();
        ServiceResources resources = ServiceResources.configure(toml, new HostContext(vertx, data));
        List<ModuleResult> results = new ArrayList<>();
        try {
            ModuleBench bench = new ModuleBench(vertx, resources, toml.environment(), settings);
            for (Path m : modules) {
                results.add(bench.measure(m, cache.cache()));
            }
        } finally {
            resources.close();
            vertx.close();
            deleteTree(data);
        }
        if (!json) {
            spec.commandLine().getErr().println("JIT: " + dev.ledge.engine.JitMode.describe());
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.print(json ? BenchReport.json(settings, results) + "\n" : BenchReport.table(results));
        out.flush();
        return 0;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
