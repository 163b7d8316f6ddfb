package dev.ledge.engine;

import com.dylibso.chicory.wasm.WasmModule;
import dev.ledge.engine.outline.FunctionOutliner;
import java.util.logging.Logger;

/**
 * Splits a module's oversized functions before it is compiled (see {@link FunctionOutliner}) and
 * keeps the rewritten module in the compile cache, so a restart neither parses the original nor
 * splits it again. The rewrite is validated before it is used; if it were ever invalid, the module
 * is compiled as it came. {@code -Dledge.outline=false} turns splitting off and
 * {@code -Dledge.outline.limit=BYTES} sets the largest function left whole.
 */
final class Outlining {
    private static final Logger LOG = Logger.getLogger("ledge.engine");
    /** Raised whenever the rewrite changes, so that rewrites stored by an older Ledge are not reused. */
    private static final String VERSION = "o1";
    /**
     * Largest function left whole when HotSpot may JIT-compile methods of any size
     * ({@code -XX:-DontCompileHugeMethods}, as scripts/ledge runs it): pieces stay near HotSpot's
     * 8,000-byte limit for huge methods, which measured fastest then. Otherwise only what must be
     * split is ({@link FunctionOutliner#JVM_METHOD_LIMIT}): more, smaller pieces would only add
     * calls to code the JVM interprets anyway (docs/benchmarks.md, "Giant functions").
     */
    static final int JIT_FRIENDLY_LIMIT = 6_000;

    private Outlining() {
    }

    /**
     * The code to compile and its SHA-256, its parsed form if already parsed, and what to store
     * once it compiled.
     */
    record Prepared(byte[] code, byte[] codeSha, WasmModule module, boolean validated, long millis, String storeKey) {
        /** The module as it came, {@code sha} being its SHA-256. */
        static Prepared unchanged(byte[] bytes, byte[] sha) {
            return new Prepared(bytes, sha, null, false, 0, null);
        }

        void remember(CompileCache cache) {
            if (storeKey != null && cache != null) {
                cache.putIfAbsent(storeKey, code);
            }
        }
    }

    static boolean enabled() {
        return !"false".equals(System.getProperty("ledge.outline"));
    }

    static int limit() {
        Integer set = Integer.getInteger("ledge.outline.limit");
        if (set != null) {
            return set;
        }
        return JitMode.hugeMethodsCompiled() ? JIT_FRIENDLY_LIMIT : FunctionOutliner.JVM_METHOD_LIMIT;
    }

    /** What to compile for {@code bytes}, whose SHA-256 is {@code sha}. */
    static Prepared prepare(String name, byte[] bytes, byte[] sha, CompileCache cache) {
        long t0 = System.nanoTime();
        if (!enabled()) {
            return Prepared.unchanged(bytes, sha);
        }
        int limit = limit();
        if (FunctionOutliner.largestBody(bytes) <= limit) {
            return Prepared.unchanged(bytes, sha); // nothing to split: not even a parse is needed to know it
        }
        String key = key(sha, limit);
        if (cache != null) {
            CompileCache.Verified stored = cache.getVerified(key);
            if (stored != null) {
                // Its SHA-256 (the key of its compiled code) was stored with it when it was made; the entry's checksums cover it.
                StartupTimings.record("read split form", t0);
                return new Prepared(stored.payload(), stored.sha256(), null, false, since(t0), null);
            }
        }
        Prepared asItCame = Prepared.unchanged(bytes, sha);
        boolean knownOriginal = cache != null && cache.contains(CompiledModule.cacheKey(sha));
        WasmModule original = ModuleLoader.parse(name, bytes, !knownOriginal);
        FunctionOutliner.Result r;
        try {
            r = FunctionOutliner.outline(bytes, original, limit);
        } catch (RuntimeException e) {
            LOG.warning(name + ": could not split its large functions (" + e + "); compiling it as it is");
            return parsed(asItCame, original, !knownOriginal, t0);
        }
        for (String s : r.skipped()) {
            LOG.fine(() -> name + ": left whole: " + s);
        }
        if (!r.changed()) {
            return parsed(asItCame, original, !knownOriginal, t0);
        }
        byte[] rewriteSha = CompiledModule.sha256Bytes(r.bytes());
        boolean knownRewrite = cache != null && cache.contains(CompiledModule.cacheKey(rewriteSha));
        try {
            WasmModule rewritten = ModuleLoader.parse(name, r.bytes(), !knownRewrite);
            LOG.info(name + ": split " + r.functionsSplit() + " functions larger than " + limit + " bytes into "
                    + r.functionsAdded() + " more" + (r.skipped().isEmpty() ? "" : "; " + r.skipped().size() + " left whole"));
            return new Prepared(r.bytes(), rewriteSha, rewritten, !knownRewrite, since(t0), key);
        } catch (ModuleRejectedException e) {
            LOG.warning(name + ": splitting its large functions gave an invalid module (" + e.getMessage()
                    + "); compiling it as it is");
            return parsed(asItCame, original, !knownOriginal, t0);
        }
    }

    private static Prepared parsed(Prepared unchanged, WasmModule module, boolean validated, long t0) {
        return new Prepared(unchanged.code(), unchanged.codeSha(), module, validated, since(t0), null);
    }

    /** What, besides the module, decides the code compiled for it: the split limit and rewrite version, or "whole". */
    static String variant() {
        return enabled() ? limit() + "-" + VERSION : "whole";
    }

    /** Whether the cache holds a rewrite, made with the current limit, of the module whose SHA-256 is {@code sha}. */
    static boolean hasStoredRewrite(byte[] sha, CompileCache cache) {
        return enabled() && cache != null && cache.contains(key(sha, limit()));
    }

    private static String key(byte[] sha, int limit) {
        return "outlined-" + java.util.HexFormat.of().formatHex(sha) + "-" + limit + "-" + VERSION;
    }

    private static long since(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
