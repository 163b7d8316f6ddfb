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

    /** The code to compile, its parsed form if already parsed, and what to store once it compiled. */
    record Prepared(byte[] original, byte[] code, WasmModule module, boolean validated, long millis, String storeKey) {
        static Prepared unchanged(byte[] bytes) {
            return new Prepared(bytes, bytes, null, false, 0, null);
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
        return hugeMethodsCompiled() ? JIT_FRIENDLY_LIMIT : FunctionOutliner.JVM_METHOD_LIMIT;
    }

    private static boolean hugeMethodsCompiled() {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean != null && "false".equals(bean.getVMOption("DontCompileHugeMethods").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Prepared prepare(String name, byte[] bytes, CompileCache cache) {
        long t0 = System.nanoTime();
        if (!enabled()) {
            return Prepared.unchanged(bytes);
        }
        int limit = limit();
        if (largestBody(bytes) <= limit) {
            return Prepared.unchanged(bytes); // nothing to split: not even a parse is needed to know it
        }
        String key = key(bytes, limit);
        if (cache != null) {
            byte[] stored = cache.get(key);
            if (stored != null) {
                return new Prepared(bytes, stored, null, false, since(t0), null);
            }
        }
        boolean knownOriginal = cache != null && cache.contains(CompiledModule.chicoryDigest(bytes));
        WasmModule original = ModuleLoader.parse(name, bytes, !knownOriginal);
        FunctionOutliner.Result r;
        try {
            r = FunctionOutliner.outline(bytes, original, limit);
        } catch (RuntimeException e) {
            LOG.warning(name + ": could not split its large functions (" + e + "); compiling it as it is");
            return new Prepared(bytes, bytes, original, !knownOriginal, since(t0), null);
        }
        for (String s : r.skipped()) {
            LOG.fine(() -> name + ": left whole: " + s);
        }
        if (!r.changed()) {
            return new Prepared(bytes, bytes, original, !knownOriginal, since(t0), null);
        }
        boolean knownRewrite = cache != null && cache.contains(CompiledModule.chicoryDigest(r.bytes()));
        try {
            WasmModule rewritten = ModuleLoader.parse(name, r.bytes(), !knownRewrite);
            LOG.info(name + ": split " + r.functionsSplit() + " functions larger than " + limit + " bytes into "
                    + r.functionsAdded() + " more" + (r.skipped().isEmpty() ? "" : "; " + r.skipped().size() + " left whole"));
            return new Prepared(bytes, r.bytes(), rewritten, !knownRewrite, since(t0), key);
        } catch (ModuleRejectedException e) {
            LOG.warning(name + ": splitting its large functions gave an invalid module (" + e.getMessage()
                    + "); compiling it as it is");
            return new Prepared(bytes, bytes, original, !knownOriginal, since(t0), null);
        }
    }

    /** Whether the cache holds a rewrite of {@code bytes} made with the current limit. */
    static boolean hasStoredRewrite(byte[] bytes, CompileCache cache) {
        return enabled() && cache != null && cache.contains(key(bytes, limit()));
    }

    private static String key(byte[] bytes, int limit) {
        return "outlined-" + CompiledModule.sha256(bytes) + "-" + limit + "-" + VERSION;
    }

    /**
     * The size of the largest function body, read from the code section's size fields alone; 0
     * when the bytes are not laid out as expected (the parser then reports what is wrong).
     */
    static int largestBody(byte[] b) {
        try {
            int[] pos = {8};
            while (pos[0] < b.length) {
                int id = b[pos[0]++] & 0xff;
                int size = (int) readU32(b, pos);
                int end = pos[0] + size;
                if (id == 10) {
                    int count = (int) readU32(b, pos);
                    int max = 0;
                    for (int i = 0; i < count; i++) {
                        int body = (int) readU32(b, pos);
                        max = Math.max(max, body);
                        pos[0] += body;
                    }
                    return max;
                }
                pos[0] = end;
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static long readU32(byte[] b, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int x = b[pos[0]++] & 0xff;
            result |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("bad LEB128");
    }

    private static long since(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
