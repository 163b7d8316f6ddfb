package dev.ledge.cli;

import dev.ledge.engine.CompiledModule;
import dev.ledge.engine.CompileCache;
import dev.ledge.engine.ModuleLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ledge compile}: fills the compile cache ahead of time, so serve and run start without compiling. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile modules into the compile cache ahead of time.")
final class CompileCommand implements Callable<Integer> {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where compiled guest code is kept (default: $LEDGE_CACHE_DIR or ~/.cache/ledge/compiled).")
    Path dir;

    @Option(names = "--require-compiled",
            description = "Fail if any function would run in Chicory's interpreter instead of as JVM bytecode "
                    + "(a function too large for one JVM method that could not be split).")
    boolean requireCompiled;

    @Parameters(paramLabel = "MODULE.wasm|DIR", arity = "1..*", description = "Modules to compile; a directory means every .wasm in it.")
    List<Path> modules;

    @Override
    public Integer call() throws java.io.IOException {
        if (requireCompiled) {
            System.setProperty(CompiledModule.REQUIRE_COMPILED, "true");
        }
        CompileCache cache = new CompileCache(dir != null ? dir : CompileCache.defaultDir());
        List<Path> all = new java.util.ArrayList<>();
        for (Path m : modules) {
            if (java.nio.file.Files.isDirectory(m)) {
                try (var list = java.nio.file.Files.list(m)) {
                    list.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(all::add);
                }
            } else {
                all.add(m);
            }
        }
        for (Path m : all) {
            byte[] bytes = ModuleLoader.read(m);
            CompiledModule c = CompiledModule.compile(m.getFileName().toString(), bytes, cache);
            // What a start reads instead of hashing, parsing and inflating (BootEntry); not every module can have one.
            CompiledModule.prepareBoot(m.getFileName().toString(), bytes, cache);
            System.out.printf("%s: %s in %d ms (sha256 %s) -> %s%n", m, c.fromCache() ? "already cached, loaded" : "compiled",
                    c.compileMillis(), c.sha256().substring(0, 12), cache.dir());
        }
        return 0;
    }
}
