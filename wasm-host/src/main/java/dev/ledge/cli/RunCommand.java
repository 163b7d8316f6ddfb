package dev.ledge.cli;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.RunOutcome;
import dev.ledge.hostcalls.HostcallDispatcher;
import dev.ledge.http.Body;
import dev.ledge.http.DownstreamInfo;
import dev.ledge.http.RequestHead;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.Session;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ledge run}: runs a module's {@code _start} once, with its own argv, stdout and stderr and
 * exit code, and every hostcall available; a guest that asks for the client request gets a
 * synthetic {@code GET http://localhost/}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a Wasm module once, like a command: argv, stdout, stderr and exit code pass through.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-C", "--config"}, paramLabel = "FILE", description = "A fastly.toml with the local configuration.")
    Path config;

    @picocli.CommandLine.Mixin
    CacheOptions cache = new CacheOptions();

    @picocli.CommandLine.Mixin
    LimitOptions limitOptions = new LimitOptions();

    @Option(names = "--trace-hostcalls", description = "Log every hostcall with its arguments and status.")
    boolean trace;

    @Option(names = "--dir", paramLabel = "PATH", description = "Let the guest open this host directory, at the same path (repeatable).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--cwd", description = "Let the guest open the current directory and set PWD to it (for `go test -exec`).")
    boolean cwd;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An extra environment variable for the guest (repeatable).")
    java.util.Map<String, String> env = new java.util.LinkedHashMap<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODULE.wasm", description = "The module to run.")
    Path module;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments passed to the guest after its program name; a first `--` only separates them.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        HostcallDispatcher.setTrace(trace);
        FastlyToml toml = Configs.load(config);
        Vertx vertx = Vertx.vertx();
        try (ServiceResources resources = ServiceResources.configure(toml, new HostContext(vertx, HostContext.defaultDataDir()))) {
            // Configuration errors surface before the (possibly long) compile.
            PrelinkedModule pm = PrelinkedModule.load(module, cache.cache()).withLimits(limitOptions.limits());
            List<String> argv = new ArrayList<>();
            argv.add(module.getFileName().toString());
            // `ledge run M.wasm -- ARGS`: the `--` ends Ledge's arguments and is not the guest's.
            argv.addAll(!args.isEmpty() && args.get(0).equals("--") ? args.subList(1, args.size()) : args);
            RequestHead head = new RequestHead();
            head.uri = "http://localhost/";
            String id = Session.newTraceId();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            head.downstream = new DownstreamInfo(loopback, loopback, List.of(), id);
            java.util.Map<String, Path> preopens = new java.util.LinkedHashMap<>();
            java.util.Map<String, String> extraEnv = new java.util.LinkedHashMap<>(env);
            for (Path d : dirs) {
                Path abs = d.toAbsolutePath().normalize();
                preopens.put(abs.toString(), abs);
            }
            if (cwd) {
                Path here = Path.of("").toAbsolutePath();
                preopens.put(here.toString(), here);
                extraEnv.put("PWD", here.toString());
            }
            Session session = Session.builder()
                    .id(id)
                    .directories(preopens)
                    .extraEnvironment(extraEnv)
                    .resources(resources)
                    .arguments(argv)
                    .environment(toml.environment())
                    .passthroughOutput(System.out, System.err)
                    .downstream(head, new Body())
                    .responder((resp, body, streaming) -> { })
                    .build();
            RunOutcome outcome = pm.sandbox().run(session);
            System.out.flush();
            return switch (outcome.kind()) {
                case COMPLETED, EXITED -> outcome.exitCode();
                case TRAPPED, INTERRUPTED, LIMIT_EXCEEDED -> {
                    spec.commandLine().getErr().println("ledge: " + pm.name() + " " + outcome.kind().name().toLowerCase() + ": " + outcome.message());
                    spec.commandLine().getErr().flush();
                    yield 134;
                }
            };
        } finally {
            vertx.close();
        }
    }
}
