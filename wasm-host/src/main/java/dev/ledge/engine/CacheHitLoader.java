package dev.ledge.engine;

import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Loads a module whose compiled code is in the compile cache, doing on the startup path only what
 * the first request needs: the module is parsed from a copy whose compiled functions' bodies are
 * stubbed ({@link StubbedCode}; only the interpreter reads bodies, and only its own functions'),
 * and the compiled classes are defined as they are needed ({@link CachedClasses}). When anything
 * about the entry is not as expected it gives null and the caller takes Chicory's own path, which
 * parses everything and loads (or recompiles) the code itself.
 */
final class CacheHitLoader {
    private static final Logger LOG = Logger.getLogger("ledge.cache");
    /** Off ({@code -Dledge.cache.fastload=false}) only to measure against Chicory's own loading. */
    static final boolean ENABLED = !"false".equals(System.getProperty("ledge.cache.fastload"));

    /**
     * A parsed module and the machine factory of its compiled code; {@code stubbed}: bodies of
     * compiled functions left out; {@code boot}: makes, from the module's SHA-256, the
     * {@link BootEntry} for it (only when one is to be written: it copies the module without its
     * code), or null when it cannot have one; {@code linked}: done when every compiled class has
     * been linked (and so verified), the condition for storing it.
     */
    record Loaded(WasmModule module, Function<Instance, Machine> machineFactory, boolean stubbed,
                  Function<byte[], BootEntry> boot, java.util.concurrent.CompletableFuture<Void> linked) {
    }

    /** A body of just {@code unreachable}: what every compiled function's body is parsed as. */
    private static final byte[] STUB_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
        0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
        0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b}; // code section: no locals, unreachable, end

    /**
     * The module and its compiled code from {@code boot}, or null when the entry does not give a
     * module that fits its classes. Only the module's other sections are parsed: its code section
     * is {@code bodyCount} stubs, since the compiled classes run every function. {@code broken}
     * is told if the classes turn out not to load.
     */
    static Loaded loadBoot(String name, BootEntry boot, Runnable broken) {
        long t = System.nanoTime();
        // The classes first: their background definition (the largest part of a start's CPU) then
        // runs beside the parse instead of after it.
        Function<Instance, Machine> factory;
        try {
            factory = CachedClasses.of(boot.classes(), boot.mainClass()).machineFactory(name, e -> {
                LOG.warning(name + ": compiled code in the compile cache does not load (" + e + "); deleting the entry,"
                        + " the next start compiles the module again");
                broken.run();
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.fine(() -> name + ": cached classes could not be loaded here (" + e + ")");
            return null;
        }
        t = StartupTimings.record("define main class", t);
        WasmModule module;
        try {
            FunctionBody stub = collect(STUB_MODULE, null).build().codeSection().getFunctionBody(0);
            WasmModule.Builder b = collect(boot.skeleton(), boot.codeKey());
            CodeSection.Builder code = CodeSection.builder().setRequiresDataCount(boot.requiresDataCount());
            for (int i = 0; i < boot.bodyCount(); i++) {
                code.addFunctionBody(stub);
            }
            module = b.setCodeSection(code.build()).build();
            if (module.functionSection().functionCount() != boot.bodyCount()) {
                return null;
            }
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
        StartupTimings.record("parse (no code section)", t);
        return new Loaded(module, new MachineFactory(module, factory), true, null, null);
    }

    private CacheHitLoader() {
    }

    /**
     * The module and its compiled code from {@code cache} under {@code key}, or null when the
     * entry is missing, corrupt (the cache deletes it) or not laid out as expected. {@code bytes}
     * are trusted to be valid: the entry exists only for bytes that passed validation.
     */
    static Loaded load(String name, byte[] bytes, String key, CompileCache cache) {
        if (!ENABLED) {
            return null;
        }
        long t = System.nanoTime();
        byte[] payload = cache.get(key);
        if (payload == null) {
            return null;
        }
        CachedClasses classes;
        try {
            classes = CachedClasses.read(payload);
        } catch (IOException e) {
            LOG.fine(() -> name + ": compile cache entry unreadable here (" + e.getMessage() + "); Chicory loads it");
            return null;
        }
        t = StartupTimings.record("read cache entry", t);
        Set<Integer> interpreted = classes.interpretedFunctions();
        t = StartupTimings.record("find interpreted functions", t);
        WasmModule module = interpreted == null ? null : parseStubbed(bytes, interpreted, key);
        boolean stubbed = module != null;
        if (module == null) {
            module = ModuleLoader.parse(name, bytes, false);
        }
        t = StartupTimings.record(stubbed ? "parse (compiled bodies stubbed)" : "parse", t);
        Function<Instance, Machine> factory;
        try {
            factory = classes.machineFactory(name, e -> {
                LOG.warning(name + ": compiled code in the compile cache does not load (" + e + "); deleting the entry,"
                        + " the next start compiles the module again");
                cache.delete(key);
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.fine(() -> name + ": cached classes could not be loaded here (" + e + "); Chicory loads them");
            return null;
        }
        StartupTimings.record("define main class", t);
        return new Loaded(module, new MachineFactory(module, factory), stubbed, bootParts(bytes, key, module, classes, interpreted),
                classes.linked());
    }

    /**
     * What makes a boot entry for this load from the module's SHA-256 (null if the bytes turn out
     * not to be laid out as sections), or null when the interpreter runs any function.
     */
    private static Function<byte[], BootEntry> bootParts(byte[] bytes, String key, WasmModule module, CachedClasses classes,
                                                         Set<Integer> interpreted) {
        if (interpreted == null || !interpreted.isEmpty() || module.codeSection() == null) {
            return null;
        }
        int bodyCount = module.codeSection().functionBodyCount();
        boolean requiresDataCount = module.codeSection().isRequiresDataCount();
        return sha -> {
            byte[] skeleton = StubbedCode.withoutCode(bytes);
            return skeleton == null ? null : new BootEntry(sha, key, CoalescedData.of(skeleton), bodyCount, requiresDataCount,
                    classes.mainClass(), classes.classes());
        };
    }

    /** The module parsed with compiled bodies stubbed, or null when that is not safe for it. */
    private static WasmModule parseStubbed(byte[] bytes, Set<Integer> interpreted, String digest) {
        try {
            byte[] head = StubbedCode.typesAndImports(bytes);
            if (head == null) {
                return null;
            }
            WasmModule imports = parseUnhashed(head, null);
            int imported = imports.importSection().count(ExternalType.FUNCTION);
            byte[] stubbed = StubbedCode.of(bytes, imported, interpreted);
            if (stubbed == null) {
                return null;
            }
            WasmModule m = parseUnhashed(stubbed, digest);
            FunctionBody[] bodies = m.codeSection().functionBodies();
            for (int id : interpreted) {
                int local = id - imported;
                if (local < 0 || local >= bodies.length || !interpretable(bodies[local])) {
                    return null;
                }
            }
            return m;
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * Parses {@code bytes} without validating them and without the SHA-256 digest Chicory's
     * {@link Parser#parse(java.util.function.Supplier)} computes of them (the caller has the
     * digest of the original module already, given as {@code digest}; in a JVM just started,
     * hashing megabytes is slow).
     */
    private static WasmModule parseUnhashed(byte[] bytes, String digest) {
        return collect(bytes, digest).build();
    }

    /** A module builder holding the sections of {@code bytes}, parsed as {@link #parseUnhashed} does. */
    private static WasmModule.Builder collect(byte[] bytes, String digest) {
        WasmModule.Builder b = WasmModule.builder().withValidation(false).withDigest(digest);
        Parser.builder().withValidation(false).build().parse(new ByteArrayInputStream(bytes), s -> collect(b, s));
        return b;
    }

    private static void collect(WasmModule.Builder b, Section s) {
        switch (s.sectionId()) {
            case SectionId.CUSTOM -> b.addCustomSection(((CustomSection) s).name(), (CustomSection) s);
            case SectionId.TYPE -> b.setTypeSection((TypeSection) s);
            case SectionId.IMPORT -> b.setImportSection((ImportSection) s);
            case SectionId.FUNCTION -> b.setFunctionSection((FunctionSection) s);
            case SectionId.TABLE -> b.setTableSection((TableSection) s);
            case SectionId.MEMORY -> b.setMemorySection((MemorySection) s);
            case SectionId.GLOBAL -> b.setGlobalSection((GlobalSection) s);
            case SectionId.EXPORT -> b.setExportSection((ExportSection) s);
            case SectionId.START -> b.setStartSection((StartSection) s);
            case SectionId.ELEMENT -> b.setElementSection((ElementSection) s);
            case SectionId.CODE -> b.setCodeSection((CodeSection) s);
            case SectionId.DATA -> b.setDataSection((DataSection) s);
            case SectionId.DATA_COUNT -> b.setDataCountSection((DataCountSection) s);
            case SectionId.TAG -> b.setTagSection((TagSection) s);
            default -> b.addIgnoredSection(s.sectionId());
        }
    }

    /**
     * Whether the interpreter runs {@code body} without reading another function's body: Chicory's
     * interpreter sends plain and indirect calls to compiled functions to their compiled code, but
     * tail calls and calls through references it interprets in place.
     */
    private static boolean interpretable(FunctionBody body) {
        for (AnnotatedInstruction i : body.instructions()) {
            OpCode op = i.opcode();
            if (op == OpCode.RETURN_CALL || op == OpCode.RETURN_CALL_INDIRECT || op == OpCode.CALL_REF || op == OpCode.RETURN_CALL_REF) {
                return false;
            }
        }
        return true;
    }
}
