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
    /** Threads writing a boot entry after a start ({@link #awaitBootEntryWrites}). */
    private static final java.util.Set<Thread> BOOT_WRITERS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** System property: when {@code true}, a function that would fall back to the interpreter fails the compile. */
    public static final String REQUIRE_COMPILED = "ledge.compile.requireCompiled";

    private final String name;
    private final String sha256;
    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final long compileMillis;
    private final boolean fromCache;
    /** What makes a boot entry for this module from its SHA-256, when it was loaded so that it can have one. */
    private Function<byte[], BootEntry> bootParts;
    /** Done when every class of {@link #bootParts} has been linked: only then is the boot entry stored. */
    private java.util.concurrent.CompletableFuture<Void> bootLinked;

    private CompiledModule(String name, String sha256, WasmModule module, Function<Instance, Machine> factory,
                           long ms, boolean fromCache, CacheHitLoader.Loaded boot) {
        this.name = name;
        this.sha256 = sha256;
        this.module = module;
        this.machineFactory = factory;
        this.compileMillis = ms;
        this.fromCache = fromCache;
        this.bootParts = boot == null ? null : boot.boot();
        this.bootLinked = boot == null ? null : boot.linked();
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
        CompiledModule c = compile(name, bytes, cache, ModuleDigests.sha256(bytes));
        c.takeBootParts(); // only a start from the cache writes a boot entry: the parts (megabytes) need not stay
        return c;
    }

    /** What makes a boot entry for this module, once (later calls give null), or null. */
    private synchronized Function<byte[], BootEntry> takeBootParts() {
        Function<byte[], BootEntry> parts = bootParts;
        bootParts = null;
        return parts;
    }

    /**
     * The module with its compiled code from {@code cache}, or null when the cache holds no entry
     * for {@code bytes} (nothing is compiled then). An entry found unusable is replaced as in
     * {@link #compile(String, byte[], CompileCache)}.
     */
    public static CompiledModule loadCached(String name, byte[] bytes, CompileCache cache) {
        return loadCached(name, bytes, cache, false);
    }

    /**
     * Makes sure the cache holds a {@link BootEntry} for {@code bytes}, whose compiled code it
     * holds already ({@code ledge compile} does this after compiling); false when it cannot have one.
     */
    public static boolean prepareBoot(String name, byte[] bytes, CompileCache cache) {
        CompiledModule c = loadCached(name, bytes, cache, true);
        return c != null && BootEntry.read(bytes, cache) != null;
    }

    /**
     * The module from its boot entry if there is one, else as {@link #loadCached(String, byte[], CompileCache)}
     * describes, writing the boot entry afterwards ({@code waitForBoot}: before returning, else on
     * a thread of its own, so as not to delay the start).
     */
    private static CompiledModule loadCached(String name, byte[] bytes, CompileCache cache, boolean waitForBoot) {
        long t = System.nanoTime();
        if (CacheHitLoader.ENABLED) {
            BootEntry boot = BootEntry.read(bytes, cache);
            t = StartupTimings.record("read boot entry", t);
            if (boot != null) {
                CacheHitLoader.Loaded hit = CacheHitLoader.loadBoot(name, boot, () -> {
                    BootEntry.delete(bytes, cache);
                    cache.delete(boot.codeKey());
                });
                if (hit != null) {
                    long ms = (System.nanoTime() - t) / 1_000_000;
                    LOG.fine(() -> name + ": loaded from its boot entry in the compile cache in " + ms + " ms");
                    ModuleDigests.verifyLater(name, bytes, boot.moduleSha(), () -> BootEntry.delete(bytes, cache));
                    return new CompiledModule(name, HexFormat.of().formatHex(boot.moduleSha()), hit.module(), hit.machineFactory(),
                            ms, true, null);
                }
                BootEntry.delete(bytes, cache);
            }
        }
        byte[] sha = ModuleDigests.sha256(bytes);
        StartupTimings.record("module SHA-256", t);
        boolean present = cache.contains(cacheKey(sha)) || Outlining.hasStoredRewrite(sha, cache);
        if (!present) {
            return null;
        }
        CompiledModule c = compile(name, bytes, cache, sha);
        java.util.concurrent.CompletableFuture<Void> linked = c.bootLinked;
        Function<byte[], BootEntry> parts = c.takeBootParts();
        if (parts != null) {
            // Made and stored only once every class has been linked (verified too, in a JVM that
            // verifies, as `ledge compile` does): an entry whose classes do not load is never stored.
            Runnable write = () -> {
                try {
                    linked.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                BootEntry boot = parts.apply(sha);
                if (boot != null) {
                    boot.write(bytes, cache);
                }
            };
            if (waitForBoot) {
                write.run();
            } else {
                Thread w = new Thread(() -> {
                    try {
                        write.run();
                    } finally {
                        BOOT_WRITERS.remove(Thread.currentThread());
                    }
                }, "ledge-boot-entry-writer");
                w.setDaemon(true);
                w.setPriority(Thread.MIN_PRIORITY);
                BOOT_WRITERS.add(w);
                w.start();
            }
        }
        return c;
    }

    /**
     * Waits (up to {@code millis}) for the boot entries being written in the background to be
     * written, so that whoever removes the cache directory next (a stopping server's owner, a
     * test) does not race them.
     */
    public static void awaitBootEntryWrites(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        for (Thread t : BOOT_WRITERS) {
            try {
                t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
                return new CompiledModule(name, digest, hit.module(), hit.machineFactory(), ms, true, hit);
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
        return new CompiledModule(name, digest, module, factory, ms, hit, null);
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
