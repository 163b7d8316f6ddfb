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
    static final int DEFAULT_LIMIT = 40_000;

    private Outlining() {
    }

    /** The code to compile, its parsed form if already parsed, and what to store once it compiled. */
    record Prepared(byte[] code, WasmModule module, boolean validated, long millis, String storeKey) {
        static Prepared unchanged(byte[] bytes) {
            return new Prepared(bytes, null, false, 0, null);
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
        return Integer.getInteger("ledge.outline.limit", DEFAULT_LIMIT);
    }

    static Prepared prepare(String name, byte[] bytes, CompileCache cache) {
        long t0 = System.nanoTime();
        if (!enabled()) {
            return new Prepared(bytes, null, false, 0, null);
        }
        int limit = limit();
        String key = "outlined-" + CompiledModule.sha256(bytes) + "-" + limit + "-" + VERSION;
        if (cache != null) {
            byte[] stored = cache.get(key);
            if (stored != null) {
                return new Prepared(stored, null, false, since(t0), null);
            }
        }
        boolean knownOriginal = cache != null && cache.contains(CompiledModule.chicoryDigest(bytes));
        WasmModule original = ModuleLoader.parse(name, bytes, !knownOriginal);
        FunctionOutliner.Result r;
        try {
            r = FunctionOutliner.outline(bytes, original, limit);
        } catch (RuntimeException e) {
            LOG.warning(name + ": could not split its large functions (" + e + "); compiling it as it is");
            return new Prepared(bytes, original, !knownOriginal, since(t0), null);
        }
        for (String s : r.skipped()) {
            LOG.fine(() -> name + ": left whole: " + s);
        }
        if (!r.changed()) {
            return new Prepared(bytes, original, !knownOriginal, since(t0), null);
        }
        boolean knownRewrite = cache != null && cache.contains(CompiledModule.chicoryDigest(r.bytes()));
        try {
            WasmModule rewritten = ModuleLoader.parse(name, r.bytes(), !knownRewrite);
            LOG.info(name + ": split " + r.functionsSplit() + " functions larger than " + limit + " bytes into "
                    + r.functionsAdded() + " more" + (r.skipped().isEmpty() ? "" : "; " + r.skipped().size() + " left whole"));
            return new Prepared(r.bytes(), rewritten, !knownRewrite, since(t0), key);
        } catch (ModuleRejectedException e) {
            LOG.warning(name + ": splitting its large functions gave an invalid module (" + e.getMessage()
                    + "); compiling it as it is");
            return new Prepared(bytes, original, !knownOriginal, since(t0), null);
        }
    }

    private static long since(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
