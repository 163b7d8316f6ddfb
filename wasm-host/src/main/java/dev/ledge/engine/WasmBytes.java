package dev.ledge.engine;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the Wasm binary format Ledge reads and writes itself when it rewrites a module
 * ({@link StubbedCode}, {@link CoalescedData}): the list of sections and LEB128 integers. Malformed
 * input gives {@link IllegalArgumentException} or {@link IndexOutOfBoundsException}.
 */
final class WasmBytes {
    private WasmBytes() {
    }

    /** One section: its id, where it starts (its id byte), and where its content starts and ends. */
    record Section(int id, int start, int contentStart, int end) {
    }

    /** The sections after the 8-byte header, in order. */
    static List<Section> sections(byte[] wasm) {
        List<Section> out = new ArrayList<>();
        Cursor in = new Cursor(wasm, 8);
        while (in.pos < wasm.length) {
            int start = in.pos;
            int id = in.u8();
            int size = Math.toIntExact(in.u32());
            int end = Math.addExact(in.pos, size);
            if (end > wasm.length) {
                throw new IllegalArgumentException("section " + id + " runs past the end");
            }
            out.add(new Section(id, start, in.pos, end));
            in.pos = end;
        }
        return out;
    }

    static void writeU32(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    static void writeS32(ByteArrayOutputStream out, int value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                out.write(b);
                return;
            }
            out.write(b | 0x80);
        }
    }

    /** A cursor over a module's bytes. */
    static final class Cursor {
        final byte[] bytes;
        int pos;

        Cursor(byte[] bytes, int pos) {
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

        int s32() {
            long v = 0;
            int shift = 0;
            int b;
            do {
                if (shift >= 35) {
                    throw new IllegalArgumentException("LEB128 value too long");
                }
                b = u8();
                v |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (shift < 64 && (b & 0x40) != 0) {
                v |= -1L << shift;
            }
            return (int) v;
        }

        /** Skips a name (or any length-prefixed bytes). */
        void skipName() {
            int length = Math.toIntExact(u32());
            pos = Math.addExact(pos, length);
        }
    }
}
