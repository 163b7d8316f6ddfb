package dev.ledge.engine;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a guest module and checks it once: that it is Wasm at all, that Chicory can parse and
 * validate it, and that it exports a {@code _start} function taking and returning nothing.
 */
public final class ModuleLoader {
    /** Largest module accepted (the JS SDK's engine is about 12 MB). */
    public static final long MAX_MODULE_BYTES = 256L << 20;
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private ModuleLoader() {
    }

    /** The bytes of the module file {@code path} (those read ahead of time, if {@link ModuleDigests#readAhead} did). */
    public static byte[] read(Path path) {
        byte[] ahead = ModuleDigests.takeReadAhead(path);
        if (ahead != null && ahead.length <= MAX_MODULE_BYTES) {
            return ahead;
        }
        try {
            long size = Files.size(path);
            if (size > MAX_MODULE_BYTES) {
                throw new ModuleRejectedException(path + ": " + size + " bytes is larger than the limit of " + MAX_MODULE_BYTES + " bytes");
            }
            return FileBytes.read(path);
        } catch (NoSuchFileException e) {
            throw new ModuleRejectedException(path + ": no such file");
        } catch (IOException e) {
            throw new ModuleRejectedException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses and validates {@code bytes}; {@code name} is used in error messages. */
    public static WasmModule parse(String name, byte[] bytes) {
        return parse(name, bytes, true);
    }

    /**
     * Parses {@code bytes}, validating them unless {@code validate} is false. Only for bytes known
     * to have passed validation before: the compile cache holds code only for modules that did.
     */
    public static WasmModule parse(String name, byte[] bytes, boolean validate) {
        if (bytes.length < 8) {
            throw new ModuleRejectedException(name + ": not a Wasm module (only " + bytes.length + " bytes)");
        }
        for (int i = 0; i < 4; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ModuleRejectedException(name + ": not a Wasm module (it does not start with \\0asm)");
            }
        }
        if (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
            throw new ModuleRejectedException(name + ": Wasm binary version " + (bytes[4] & 0xff)
                    + " is not supported (only core modules, version 1; components are not)");
        }
        WasmModule module;
        try {
            module = validate ? Parser.parse(bytes)
                    : Parser.builder().withValidation(false).build().parse(() -> new java.io.ByteArrayInputStream(bytes));
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ModuleRejectedException(name + ": malformed or invalid Wasm: " + e.getMessage(), e);
        }
        checkStart(name, module);
        return module;
    }

    private static void checkStart(String name, WasmModule module) {
        Export start = null;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (e.name().equals("_start")) {
                start = e;
            }
        }
        if (start == null || start.exportType() != ExternalType.FUNCTION) {
            throw new ModuleRejectedException(name + ": exports no _start function (is it built for wasm32-wasi as a command?)");
        }
        FunctionType t = Modules.functionType(module, (int) start.index());
        if (!t.params().isEmpty() || !t.returns().isEmpty()) {
            throw new ModuleRejectedException(name + ": _start has type " + t + "; it must take and return nothing");
        }
    }
}
