package dev.ledge.engine;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * A copy of a Wasm module's bytes in which every function body the JVM runs as compiled code is
 * replaced by {@code unreachable}, so that parsing the copy skips decoding millions of
 * instructions nobody will interpret. Bodies of the functions the interpreter runs (too large for
 * one JVM method) are kept byte for byte, and so is every other section. Only for modules whose
 * compiled code already exists: the compiled classes, not these bodies, run the other functions.
 */
final class StubbedCode {
    /** No locals; {@code unreachable}; {@code end}. */
    private static final byte[] STUB = {0x00, 0x00, 0x0b};
    private static final int CODE_SECTION = 10;

    private StubbedCode() {
    }

    /**
     * The bytes with the code section's bodies stubbed except those of {@code interpreted}
     * (indexes in the function index space, imports first); null if the bytes are not laid out
     * as a Wasm module this can rewrite (the caller then parses the original).
     */
    static byte[] of(byte[] wasm, int importedFunctions, Set<Integer> interpreted) {
        try {
            return rewrite(wasm, importedFunctions, interpreted);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Just the header and the type and import sections of {@code wasm} (enough to count imported
     * functions without Chicory reading, and hashing, the whole module), or null if the bytes are
     * not laid out as sections.
     */
    static byte[] typesAndImports(byte[] wasm) {
        return copy(wasm, id -> id == 1 || id == 2, false);
    }

    /**
     * {@code wasm} without its code section (every other section byte for byte), or null if the
     * bytes are not laid out as sections or have no code section.
     */
    static byte[] withoutCode(byte[] wasm) {
        return copy(wasm, id -> id != CODE_SECTION, true);
    }

    /** The header and the sections {@code keep} accepts, or null if the bytes are not laid out as sections (or, if {@code needsCode}, have none). */
    private static byte[] copy(byte[] wasm, java.util.function.IntPredicate keep, boolean needsCode) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length);
            out.write(wasm, 0, 8);
            boolean code = false;
            for (WasmBytes.Section s : WasmBytes.sections(wasm)) {
                code |= s.id() == CODE_SECTION;
                if (keep.test(s.id())) {
                    out.write(wasm, s.start(), s.end() - s.start());
                }
            }
            return code || !needsCode ? out.toByteArray() : null;
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static byte[] rewrite(byte[] wasm, int importedFunctions, Set<Integer> interpreted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length / 2);
        out.write(wasm, 0, 8);
        boolean rewritten = false;
        for (WasmBytes.Section s : WasmBytes.sections(wasm)) {
            if (s.id() != CODE_SECTION || rewritten) {
                out.write(wasm, s.start(), s.end() - s.start());
            } else {
                byte[] content = code(new WasmBytes.Cursor(wasm, s.contentStart()), s.end(), importedFunctions, interpreted);
                out.write(s.id());
                WasmBytes.writeU32(out, content.length);
                out.write(content, 0, content.length);
                rewritten = true;
            }
        }
        return rewritten ? out.toByteArray() : wasm;
    }

    private static byte[] code(WasmBytes.Cursor in, int end, int importedFunctions, Set<Integer> interpreted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = in.u32();
        WasmBytes.writeU32(out, count);
        for (long i = 0; i < count; i++) {
            long size = in.u32();
            int bodyStart = in.pos;
            int bodyEnd = Math.addExact(bodyStart, Math.toIntExact(size));
            if (bodyEnd > end) {
                throw new IllegalArgumentException("function body runs past its section");
            }
            if (interpreted.contains((int) (importedFunctions + i))) {
                WasmBytes.writeU32(out, size);
                out.write(in.bytes, bodyStart, bodyEnd - bodyStart);
            } else {
                WasmBytes.writeU32(out, STUB.length);
                out.write(STUB, 0, STUB.length);
            }
            in.pos = bodyEnd;
        }
        if (in.pos != end) {
            throw new IllegalArgumentException("code section has trailing bytes");
        }
        return out.toByteArray();
    }
}
