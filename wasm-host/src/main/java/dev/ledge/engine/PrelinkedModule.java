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

    private PrelinkedModule(CompiledModule compiled, Linker.Linked linked) {
        this.compiled = compiled;
        this.linked = linked;
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

    public static PrelinkedModule link(CompiledModule compiled, HostcallRegistry registry) {
        Linker.Linked linked = new Linker(registry, AbiSpec.bundled()).link(compiled.name(), compiled.module());
        return new PrelinkedModule(compiled, linked);
    }

    /** A fresh instance; the module's start function (if any) has run, `_start` has not. */
    public Instance instantiate() {
        return Instance.builder(compiled.module())
                .withImportValues(linked.imports())
                .withMachineFactory(compiled.machineFactory())
                .withStart(false)
                .build();
    }

    /** A fresh sandbox ready to run one request. */
    public Sandbox sandbox() {
        return new Sandbox(this);
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
