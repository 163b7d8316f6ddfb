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
 * bytecode for every function, and the interpreter for functions too large for one JVM method.
 * Compiled once; the factory is shared by every instance.
 */
public final class CompiledModule {
    private static final Logger LOG = Logger.getLogger("ledge.engine");

    private final String name;
    private final String sha256;
    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final long compileMillis;

    private CompiledModule(String name, String sha256, WasmModule module, Function<Instance, Machine> factory, long ms) {
        this.name = name;
        this.sha256 = sha256;
        this.module = module;
        this.machineFactory = factory;
        this.compileMillis = ms;
    }

    /** Parses, validates and compiles {@code bytes}. */
    public static CompiledModule compile(String name, byte[] bytes) {
        String digest = sha256(bytes);
        WasmModule module = ModuleLoader.parse(name, bytes);
        long t0 = System.nanoTime();
        Function<Instance, Machine> factory;
        try {
            factory = MachineFactoryCompiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.WARN)
                    .compile();
        } catch (RuntimeException | LinkageError e) {
            throw new ModuleRejectedException(name + ": Chicory could not compile it: " + e, e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.fine(() -> name + ": compiled " + Modules.definedFunctions(module) + " functions in " + ms + " ms");
        return new CompiledModule(name, digest, module, factory, ms);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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

    public long compileMillis() {
        return compileMillis;
    }
}
