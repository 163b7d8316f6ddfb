package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** A growable byte buffer with the Wasm binary encodings the outliner writes. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int b) {
        out.write(b);
        return this;
    }

    Bytes u32(long value) {
        long v = value & 0xffffffffL;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** Signed LEB128, as block types (s33) and constants use. */
    Bytes s64(long value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    Bytes raw(byte[] bytes, int from, int to) {
        out.write(bytes, from, to - from);
        return this;
    }

    Bytes raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    Bytes valType(ValType t) {
        return u8(t.opcode());
    }

    Bytes valTypes(List<ValType> types) {
        u32(types.size());
        for (ValType t : types) {
            valType(t);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Reads an unsigned LEB128 at {@code pos[0]}, advancing it. */
    static long readU32(byte[] b, int[] pos) {
        long result = 0;
        int shift = 0;
        while (true) {
            int x = b[pos[0]++] & 0xff;
            result |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    /** Reads a signed LEB128 at {@code pos[0]}, advancing it. */
    static long readS64(byte[] b, int[] pos) {
        long result = 0;
        int shift = 0;
        int x;
        do {
            x = b[pos[0]++] & 0xff;
            result |= (long) (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        if (shift < 64 && (x & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }
}
