package dev.ledge.conformance;

import dev.ledge.engine.CompileCache;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guest samples built by guest-samples/build.sh, each compiled once per test JVM (the JS
 * SDK's engine takes tens of seconds) and served by one shared server.
 */
final class Samples {
    private static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, PrelinkedModule> MODULES = new ConcurrentHashMap<>();
    /** Compiled code survives between test runs in target/, so only changed samples recompile. */
    /** The compile cache serve and run use; the build fills it with the samples before the tests. */
    private static final CompileCache CACHE = new CompileCache(CompileCache.defaultDir());

    private Samples() {
    }

    static Path wasm(String sample) {
        Path p = Path.of(System.getProperty("ledge.samples.dir", "../guest-samples/target/wasm")).resolve(sample + ".wasm");
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(p + " is missing: the guest-samples module builds it (mvn verify from the root)");
        }
        return p;
    }

    /** The compiled, linked sample, e.g. {@code js-features}; compiled once per JVM. */
    static PrelinkedModule module(String sample) {
        return MODULES.computeIfAbsent(sample, s -> PrelinkedModule.load(wasm(s), CACHE));
    }

    /**
     * Drops the compiled modules of {@code sample} in every edge-sample language (e.g. geo_pricing:
     * rust-, go- and js-geo_pricing) once a test class has closed its servers, so a JVM that runs
     * every class does not keep a dozen large JS and Go modules alive. Later users recompile from
     * the compile cache on disk.
     */
    static void release(String sample) {
        SampleSources.LANGUAGES.forEach(lang -> MODULES.remove(SampleSources.module(lang, sample)));
    }

    /** The running server for {@code sample}, e.g. {@code rust-echo}, with no fastly.toml. */
    static TestServer server(String sample) {
        return SERVERS.computeIfAbsent(sample, s -> {
            TestServer server = new TestServer(module(s));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        });
    }
}
