package dev.ledge.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.ledge.abi.AbiSpec;
import dev.ledge.hostcalls.HostcallRegistry;
import java.nio.file.Path;

/**
 * A compiled module with its imports resolved: immutable and shared by every request. Each
 * request calls {@link #instantiate()} for a fresh instance (fresh memory, globals and tables),
 * which reuses the compiled code and the import table and does no name lookups of its own. The
 * initial memory is built once too ({@link MemoryImage}); instances share its pages and copy a page
 * only when they first write to it ({@link CowMemory}).
 */
public final class PrelinkedModule {
    /** Off ({@code -Dledge.memory.cow=false}) only to measure against Chicory's own memory. */
    static final boolean COPY_ON_WRITE = !"false".equals(System.getProperty("ledge.memory.cow"));
    /** Off ({@code -Dledge.instance.template=false}) only to measure against Chicory's own instance builder. */
    static final boolean TEMPLATE = !"false".equals(System.getProperty("ledge.instance.template"));

    private final CompiledModule compiled;
    private final Linker.Linked linked;
    private final SandboxLimits limits;
    private final com.dylibso.chicory.wasm.types.MemoryLimits memoryLimits;
    private final MemoryImage image;
    private final java.util.function.Function<com.dylibso.chicory.wasm.types.MemoryLimits, Memory> memoryFactory;

    private final InstanceTemplate template;

    private PrelinkedModule(CompiledModule compiled, Linker.Linked linked, SandboxLimits limits, MemoryImage image,
                            InstanceTemplate template) {
        this.compiled = compiled;
        this.linked = linked;
        this.limits = limits;
        this.memoryLimits = cappedMemory(compiled, limits);
        this.image = image;
        this.memoryFactory = memoryFactory(image);
        this.template = template;
    }

    private static java.util.function.Function<com.dylibso.chicory.wasm.types.MemoryLimits, Memory> memoryFactory(MemoryImage image) {
        return l -> l.shared() || !COPY_ON_WRITE ? new ByteArrayMemory(l) : CowMemory.create(l, image, MemoryBudget.process());
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
        return new PrelinkedModule(compiled, linked, l, image, template);
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

    /**
     * Loads {@code bytes} with their compiled code from {@code cache}, or gives null when the
     * cache holds none for them (nothing is compiled then).
     */
    public static PrelinkedModule loadCached(String name, byte[] bytes, CompileCache cache) {
        CompiledModule c = CompiledModule.loadCached(name, bytes, cache);
        return c == null ? null : link(c, HostcallRegistry.standard());
    }

    public static PrelinkedModule link(CompiledModule compiled, HostcallRegistry registry) {
        long t = System.nanoTime();
        Linker.Linked linked = new Linker(registry, AbiSpec.bundled()).link(compiled.name(), compiled.module());
        t = StartupTimings.record("link imports", t);
        MemoryImage image = MemoryImage.of(compiled.module());
        t = StartupTimings.record("memory image", t);
        PrelinkedModule plain = new PrelinkedModule(compiled, linked, SandboxLimits.defaults(), image, null);
        if (!TEMPLATE) {
            return plain;
        }
        InstanceTemplate template = InstanceTemplate.of(compiled, linked, plain.memoryFactory, plain.memoryLimits);
        StartupTimings.record("instance template", t);
        return new PrelinkedModule(compiled, linked, SandboxLimits.defaults(), image, template);
    }

    /** A fresh instance; the module's start function (if any) has run, `_start` has not. */
    public Instance instantiate() {
        if (template != null) {
            return template.instantiate(memoryFactory, memoryLimits);
        }
        Instance.Builder b = Instance.builder(compiled.module())
                .withImportValues(linked.imports())
                .withMachineFactory(compiled.machineFactory())
                .withStart(false)
                .withMemoryFactory(memoryFactory)
                .withTableFactory((t, init) -> new com.dylibso.chicory.runtime.TableInstance(InstanceTemplate.copy(t), init));
        if (memoryLimits != null) {
            b.withMemoryLimits(memoryLimits);
        }
        return b.build();
    }

    /** Gives an instance's memory back to the process-wide budget once the instance is done. */
    public static void release(Instance instance) {
        if (instance != null && instance.memory() instanceof CowMemory m) {
            m.release();
        }
    }

    /** The module's initial memory image shared by its instances, or null if it has none. */
    public MemoryImage memoryImage() {
        return image;
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
