package dev.ledge.engine;

import com.dylibso.chicory.runtime.Instance;
import dev.ledge.abi.AbiSpec;
import dev.ledge.hostcalls.HostcallRegistry;
import java.nio.file.Path;

/**
 * A compiled module with its imports resolved: immutable and shared by every request. Each
 * request calls {@link #instantiate()} for a fresh instance (fresh memory, globals and tables),
 * which reuses the compiled code and the import table and does no name lookups of its own.
 */
public final class PrelinkedModule {
    private final CompiledModule compiled;
    private final Linker.Linked linked;
    private final SandboxLimits limits;
    private final com.dylibso.chicory.wasm.types.MemoryLimits memoryLimits;

    private PrelinkedModule(CompiledModule compiled, Linker.Linked linked, SandboxLimits limits) {
        this.compiled = compiled;
        this.linked = linked;
        this.limits = limits;
        this.memoryLimits = cappedMemory(compiled, limits);
    }

    /** The module's own memory limits with the maximum lowered to the cap; refused if it starts above it. */
    private static com.dylibso.chicory.wasm.types.MemoryLimits cappedMemory(CompiledModule c, SandboxLimits limits) {
        var section = c.module().memorySection();
        if (section.isEmpty() || section.get().memoryCount() == 0) {
            return null;
        }
        var declared = section.get().getMemory(0).limits();
        int cap = limits.memoryCapPages();
        if (declared.initialPages() > cap) {
            throw new ModuleRejectedException(c.name() + ": needs " + declared.initialPages() * 64L + " KiB of memory to start, more than the cap of "
                    + limits.memoryCapBytes() / 1024 + " KiB");
        }
        return new com.dylibso.chicory.wasm.types.MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), cap), declared.shared());
    }

    /** The same linked module with other limits (compiled code and imports are shared). */
    public PrelinkedModule withLimits(SandboxLimits l) {
        return new PrelinkedModule(compiled, linked, l);
    }

    public SandboxLimits limits() {
        return limits;
    }

    /** Compiles and links {@code bytes} with Ledge's standard hostcalls. */
    public static PrelinkedModule load(String name, byte[] bytes) {
        return link(CompiledModule.compile(name, bytes), HostcallRegistry.standard());
    }

    public static PrelinkedModule load(Path path) {
        return load(path, null);
    }

    /** Loads {@code path}, taking compiled code from {@code cache} (null: compile every time). */
    public static PrelinkedModule load(Path path, CompileCache cache) {
        String name = path.getFileName().toString();
        return link(CompiledModule.compile(name, ModuleLoader.read(path), cache), HostcallRegistry.standard());
    }

    /** Loads {@code bytes} named {@code name}, taking compiled code from {@code cache} (null: compile every time). */
    public static PrelinkedModule load(String name, byte[] bytes, CompileCache cache) {
        return link(CompiledModule.compile(name, bytes, cache), HostcallRegistry.standard());
    }

    public static PrelinkedModule link(CompiledModule compiled, HostcallRegistry registry) {
        Linker.Linked linked = new Linker(registry, AbiSpec.bundled()).link(compiled.name(), compiled.module());
        return new PrelinkedModule(compiled, linked, SandboxLimits.defaults());
    }

    /** A fresh instance; the module's start function (if any) has run, `_start` has not. */
    public Instance instantiate() {
        Instance.Builder b = Instance.builder(compiled.module())
                .withImportValues(linked.imports())
                .withMachineFactory(compiled.machineFactory())
                .withStart(false);
        if (memoryLimits != null) {
            b.withMemoryLimits(memoryLimits);
        }
        return b.build();
    }

    /** A fresh sandbox ready to run one request. */
    public Sandbox sandbox() {
        return new Sandbox(this, limits);
    }

    public CompiledModule compiled() {
        return compiled;
    }

    public Linker.Linked linked() {
        return linked;
    }

    public String name() {
        return compiled.name();
    }
}
