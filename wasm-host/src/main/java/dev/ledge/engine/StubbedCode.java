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
        try {
            Reader in = new Reader(wasm, 8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(wasm, 0, 8);
            while (in.pos < wasm.length) {
                int start = in.pos;
                int id = in.u8();
                long size = in.u32();
                int end = Math.addExact(in.pos, Math.toIntExact(size));
                if (end > wasm.length) {
                    return null;
                }
                if (id == 1 || id == 2) {
                    out.write(wasm, start, end - start);
                }
                if (id == 2) {
                    break;
                }
                in.pos = end;
            }
            return out.toByteArray();
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * {@code wasm} without its code section (every other section byte for byte), or null if the
     * bytes are not laid out as sections or have no code section.
     */
    static byte[] withoutCode(byte[] wasm) {
        try {
            Reader in = new Reader(wasm, 8);
            ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length);
            out.write(wasm, 0, 8);
            boolean found = false;
            while (in.pos < wasm.length) {
                int start = in.pos;
                int id = in.u8();
                long size = in.u32();
                int end = Math.addExact(in.pos, Math.toIntExact(size));
                if (end > wasm.length) {
                    return null;
                }
                if (id == CODE_SECTION) {
                    found = true;
                } else {
                    out.write(wasm, start, end - start);
                }
                in.pos = end;
            }
            return found ? out.toByteArray() : null;
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static byte[] rewrite(byte[] wasm, int importedFunctions, Set<Integer> interpreted) {
        Reader in = new Reader(wasm, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length / 2);
        out.write(wasm, 0, 8);
        boolean rewritten = false;
        while (in.pos < wasm.length) {
            int start = in.pos;
            int id = in.u8();
            long size = in.u32();
            int contentStart = in.pos;
            int end = Math.addExact(contentStart, Math.toIntExact(size));
            if (end > wasm.length) {
                throw new IllegalArgumentException("section runs past the end");
            }
            if (id != CODE_SECTION || rewritten) {
                out.write(wasm, start, end - start);
            } else {
                byte[] content = code(new Reader(wasm, contentStart), end, importedFunctions, interpreted);
                out.write(id);
                writeU32(out, content.length);
                out.write(content, 0, content.length);
                rewritten = true;
            }
            in.pos = end;
        }
        return rewritten ? out.toByteArray() : wasm;
    }

    private static byte[] code(Reader in, int end, int importedFunctions, Set<Integer> interpreted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = in.u32();
        writeU32(out, count);
        for (long i = 0; i < count; i++) {
            long size = in.u32();
            int bodyStart = in.pos;
            int bodyEnd = Math.addExact(bodyStart, Math.toIntExact(size));
            if (bodyEnd > end) {
                throw new IllegalArgumentException("function body runs past its section");
            }
            if (interpreted.contains((int) (importedFunctions + i))) {
                writeU32(out, size);
                out.write(in.bytes, bodyStart, bodyEnd - bodyStart);
            } else {
                writeU32(out, STUB.length);
                out.write(STUB, 0, STUB.length);
            }
            in.pos = bodyEnd;
        }
        if (in.pos != end) {
            throw new IllegalArgumentException("code section has trailing bytes");
        }
        return out.toByteArray();
    }

    private static void writeU32(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** A cursor over the bytes reading the LEB128 integers Wasm uses. */
    private static final class Reader {
        final byte[] bytes;
        int pos;

        Reader(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        int u8() {
            return bytes[pos++] & 0xff;
        }

        long u32() {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (v > 0xffffffffL) {
                        throw new IllegalArgumentException("LEB128 value too large");
                    }
                    return v;
                }
            }
            throw new IllegalArgumentException("LEB128 value too long");
        }
    }
}
