package dev.ledge.engine;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A parsed, validated module together with the machine factory Chicory compiled for it: JVM
 * bytecode for every function. Functions too large for one JVM method are split first
 * ({@link Outlining}); one that cannot be split would run in Chicory's interpreter.
 * Compiled once; the factory is shared by every instance.
 */
public final class CompiledModule {
    private static final Logger LOG = Logger.getLogger("ledge.engine");
    /** System property: when {@code true}, a function that would fall back to the interpreter fails the compile. */
    public static final String REQUIRE_COMPILED = "ledge.compile.requireCompiled";

    private final String name;
    private final String sha256;
    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final long compileMillis;
    private final boolean fromCache;

    private CompiledModule(String name, String sha256, WasmModule module, Function<Instance, Machine> factory,
                           long ms, boolean fromCache) {
        this.name = name;
        this.sha256 = sha256;
        this.module = module;
        this.machineFactory = factory;
        this.compileMillis = ms;
        this.fromCache = fromCache;
    }

    /** Parses, validates and compiles {@code bytes}. */
    public static CompiledModule compile(String name, byte[] bytes) {
        return compile(name, bytes, null);
    }

    /**
     * Parses and validates {@code bytes}, then takes the compiled code from {@code cache} when it
     * holds an intact entry, or compiles and stores it. A null cache compiles every time.
     */
    public static CompiledModule compile(String name, byte[] bytes, CompileCache cache) {
        return compile(name, bytes, cache, ModuleDigests.sha256(bytes));
    }

    /**
     * The module with its compiled code from {@code cache}, or null when the cache holds no entry
     * for {@code bytes} (nothing is compiled then). An entry found unusable is replaced as in
     * {@link #compile(String, byte[], CompileCache)}.
     */
    public static CompiledModule loadCached(String name, byte[] bytes, CompileCache cache) {
        long t = System.nanoTime();
        byte[] sha = ModuleDigests.sha256(bytes);
        StartupTimings.record("module SHA-256", t);
        boolean present = cache.contains(cacheKey(sha)) || Outlining.hasStoredRewrite(sha, cache);
        return present ? compile(name, bytes, cache, sha) : null;
    }

    /** Splits the module's giant functions if needed, then compiles; {@code sha} is the SHA-256 of {@code bytes}. */
    private static CompiledModule compile(String name, byte[] bytes, CompileCache cache, byte[] sha) {
        String digest = HexFormat.of().formatHex(sha);
        Outlining.Prepared prepared = Outlining.prepare(name, bytes, sha, cache);
        try {
            return compile(name, digest, prepared, cache);
        } catch (ModuleRejectedException e) {
            if (prepared.code() == bytes) {
                throw e;
            }
            LOG.warning(name + ": its split form could not be compiled (" + e.getMessage() + "); compiling it as it is");
            return compile(name, digest, Outlining.Prepared.unchanged(bytes, sha), cache);
        }
    }

    /**
     * Compiles {@code prepared.code()} (or loads it from {@code cache}); the module keeps the
     * {@code digest} of the bytes it came as.
     */
    private static CompiledModule compile(String name, String digest, Outlining.Prepared prepared, CompileCache cache) {
        byte[] bytes = prepared.code();
        String key = cacheKey(prepared.codeSha());
        // Bytes with compiled code in the cache were validated when that code was made (the entry is
        // keyed by their digest), so they are parsed without validating them again.
        boolean known = cache != null && cache.contains(key);
        if (known) {
            long start = System.nanoTime();
            CacheHitLoader.Loaded hit = CacheHitLoader.load(name, bytes, key, cache);
            if (hit != null) {
                prepared.remember(cache);
                long ms = (System.nanoTime() - start) / 1_000_000 + prepared.millis();
                LOG.fine(() -> name + ": loaded from the compile cache in " + ms + " ms" + (hit.stubbed() ? " (compiled bodies not parsed)" : ""));
                return new CompiledModule(name, digest, hit.module(), hit.machineFactory(), ms, true);
            }
        }
        long parseStart = System.nanoTime();
        WasmModule module = prepared.module() != null ? prepared.module() : ModuleLoader.parse(name, bytes, !known);
        long t0 = StartupTimings.record(known ? "parse" : "parse and validate", parseStart);
        boolean cached = cache != null && cache.get(module.digest()) != null;
        if (known && !cached && !prepared.validated()) {
            module = ModuleLoader.parse(name, bytes, true); // the entry was unusable: validate after all
        }
        Function<Instance, Machine> factory;
        try {
            factory = build(module, cache);
        } catch (RuntimeException | LinkageError e) {
            if (!cached) {
                throw new ModuleRejectedException(name + ": Chicory could not compile it: " + e, e);
            }
            // An intact entry that Chicory cannot load is stale: drop it and compile afresh.
            LOG.warning(name + ": cached compiled code could not be loaded (" + e + "); compiling again");
            cache.delete(module.digest());
            cached = false;
            try {
                factory = build(module, cache);
            } catch (RuntimeException | LinkageError e2) {
                throw new ModuleRejectedException(name + ": Chicory could not compile it: " + e2, e2);
            }
        }
        prepared.remember(cache);
        long ms = (System.nanoTime() - t0) / 1_000_000 + prepared.millis();
        StartupTimings.record(cached ? "load compiled classes" : "compile", t0);
        boolean hit = cached;
        WasmModule parsed = module;
        LOG.fine(() -> name + ": " + (hit ? "loaded " : "compiled ") + Modules.definedFunctions(parsed) + " functions in " + ms + " ms");
        return new CompiledModule(name, digest, module, factory, ms, hit);
    }

    private static Function<Instance, Machine> build(WasmModule module, CompileCache cache) {
        MachineFactoryCompiler.Builder b = MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(Boolean.getBoolean(REQUIRE_COMPILED) ? InterpreterFallback.FAIL : InterpreterFallback.WARN);
        if (cache != null) {
            b.withCache(cache);
        }
        return b.compile();
    }

    /** The digest Chicory gives a module whose SHA-256 is {@code sha} ({@code sha-256:} and Base64): the compile cache's key. */
    static String cacheKey(byte[] sha) {
        return "sha-256:" + java.util.Base64.getEncoder().encodeToString(sha);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Bytes(bytes));
    }

    static byte[] sha256Bytes(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public String sha256() {
        return sha256;
    }

    public WasmModule module() {
        return module;
    }

    public Function<Instance, Machine> machineFactory() {
        return machineFactory;
    }

    /** Time to compile, or to load from the compile cache. */
    public long compileMillis() {
        return compileMillis;
    }

    /** Whether the compiled code came from the compile cache. */
    public boolean fromCache() {
        return fromCache;
    }
}
