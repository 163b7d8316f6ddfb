package dev.ledge.engine;

/**
 * How this JVM JIT-compiles guest code, from its HotSpot options: whether methods above HotSpot's
 * 8,000-byte limit are compiled at all ({@code -XX:-DontCompileHugeMethods}) and whether only
 * C1's optimising tier runs ({@code -XX:TieredStopAtLevel=1}). Guests are large bodies of
 * generated code that C2 takes minutes to catch up with on a small machine, so both settings make
 * requests faster and more even (docs/benchmarks.md); {@code scripts/ledge} sets them.
 */
public final class JitMode {
    private JitMode() {
    }

    /** The options, read once: they cannot change while the JVM runs. */
    private static final class Options {
        static final boolean HUGE_METHODS_COMPILED = "false".equals(option("DontCompileHugeMethods"));
        static final boolean C1_ONLY = "1".equals(option("TieredStopAtLevel")) && "true".equals(option("TieredCompilation"));
    }

    /** Whether HotSpot compiles methods above its huge-method limit. */
    public static boolean hugeMethodsCompiled() {
        return Options.HUGE_METHODS_COMPILED;
    }

    /** Whether only C1's optimising tier compiles (no profiling tier, no C2). */
    public static boolean c1Only() {
        return Options.C1_ONLY;
    }

    /** A short description, e.g. "C1 only, huge methods compiled". */
    public static String describe() {
        return (c1Only() ? "C1 only" : "tiered C1+C2") + (hugeMethodsCompiled() ? ", huge methods compiled" : ", huge methods not compiled");
    }

    /** What to change for faster guests, or null when this JVM runs as scripts/ledge starts it. */
    public static String advice() {
        if (c1Only() && hugeMethodsCompiled()) {
            return null;
        }
        return "guest code runs faster with -XX:TieredStopAtLevel=1 -XX:-DontCompileHugeMethods (scripts/ledge passes both); this JVM: "
                + describe();
    }

    private static String option(String name) {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? null : bean.getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
