package dev.ledge.engine;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's active data segments merged into a few large ones, for a {@link BootEntry}'s module:
 * compilers emit thousands of small segments (26,740 in the Go SDK's hello), and a start spends
 * tens of milliseconds parsing them one by one (each with its offset expression) and writing them
 * into the memory image. Each segment keeps its index and its bytes, an active one as a passive
 * segment: what {@code memory.init} and {@code data.drop} of it do after instantiation stays as it
 * was (Chicory keeps an active segment's bytes after instantiation, where Wasm drops them; this
 * leaves that as it is). The merged segments come after all of them, so no code refers to them,
 * and write, into the zeroed initial memory, exactly the bytes the original segments leave there
 * in order. Only for a module with one memory of its own whose active segments all have constant
 * offsets within its initial size; anything else is left as it is.
 */
final class CoalescedData {
    private static final int IMPORT = 2;
    private static final int MEMORY = 5;
    private static final int DATA = 11;
    private static final int DATA_COUNT = 12;
    /** Fewer active segments than this are not worth rewriting. */
    private static final int MIN_ACTIVE = 16;
    /** Runs of zero bytes at least this long split a merged segment (the memory is zero there already). */
    private static final int ZERO_GAP = 4096;
    /** A span of initial memory larger than this is not merged (the copy would cost more than it saves). */
    private static final long MAX_SPAN = 256L << 20;

    private CoalescedData() {
    }

    /** One data segment as read: its flag, offset (active ones) and where its bytes are. */
    private record Segment(boolean active, long offset, int start, int length) {
    }

    /** {@code wasm} with its active data segments merged, or {@code wasm} itself when that does not apply. */
    static byte[] of(byte[] wasm) {
        try {
            return merge(wasm);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            return wasm;
        }
    }

    private static byte[] merge(byte[] wasm) {
        long memoryBytes = -1;
        int dataStart = -1;
        int dataEnd = -1;
        boolean hasDataCount = false;
        for (WasmBytes.Section section : WasmBytes.sections(wasm)) {
            int id = section.id();
            if (id == IMPORT && importsMemory(new WasmBytes.Cursor(wasm, section.contentStart()))) {
                return wasm;
            } else if (id == MEMORY) {
                WasmBytes.Cursor m = new WasmBytes.Cursor(wasm, section.contentStart());
                if (m.u32() != 1) {
                    return wasm;
                }
                int flags = m.u8();
                if (flags != 0 && flags != 1) {
                    return wasm; // shared or 64-bit memories are left alone
                }
                memoryBytes = m.u32() * MemoryImage.PAGE_SIZE;
            } else if (id == DATA) {
                dataStart = section.contentStart();
                dataEnd = section.end();
            } else if (id == DATA_COUNT) {
                hasDataCount = true;
            }
        }
        if (memoryBytes < 0 || dataStart < 0) {
            return wasm;
        }
        List<Segment> segments = segments(new WasmBytes.Cursor(wasm, dataStart), dataEnd, memoryBytes);
        if (segments == null) {
            return wasm;
        }
        long lo = Long.MAX_VALUE;
        long hi = 0;
        int active = 0;
        for (Segment s : segments) {
            if (s.active() && s.length() > 0) {
                lo = Math.min(lo, s.offset());
                hi = Math.max(hi, s.offset() + s.length());
            }
            active += s.active() ? 1 : 0;
        }
        if (active < MIN_ACTIVE || hi - lo > MAX_SPAN) {
            return wasm;
        }
        byte[] image = new byte[(int) Math.max(0, hi - lo)];
        for (Segment s : segments) {
            if (s.active() && s.length() > 0) {
                System.arraycopy(wasm, s.start(), image, (int) (s.offset() - lo), s.length());
            }
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream(dataEnd - dataStart + image.length + 64);
        List<int[]> runs = runs(image);
        WasmBytes.writeU32(data, segments.size() + runs.size());
        for (Segment s : segments) {
            data.write(1); // passive, the same bytes
            WasmBytes.writeU32(data, s.length());
            data.write(wasm, s.start(), s.length());
        }
        for (int[] r : runs) {
            data.write(0);
            data.write(0x41); // i32.const
            WasmBytes.writeS32(data, (int) (lo + r[0]));
            data.write(0x0b);
            WasmBytes.writeU32(data, r[1]);
            data.write(image, r[0], r[1]);
        }
        return rebuild(wasm, data.toByteArray(), hasDataCount ? segments.size() + runs.size() : -1);
    }

    /** Whether the import section imports a memory. */
    private static boolean importsMemory(WasmBytes.Cursor in) {
        long n = in.u32();
        for (long i = 0; i < n; i++) {
            in.skipName();
            in.skipName();
            int kind = in.u8();
            switch (kind) {
                case 0 -> in.u32(); // function: type index
                case 1 -> { // table: reference type, limits
                    in.u8();
                    skipLimits(in);
                }
                case 2 -> {
                    return true;
                }
                case 3 -> { // global: value type, mutability
                    in.u8();
                    in.u8();
                }
                case 4 -> { // tag: attribute, type index
                    in.u8();
                    in.u32();
                }
                default -> throw new IllegalArgumentException("unknown import kind " + kind);
            }
        }
        return false;
    }

    private static void skipLimits(WasmBytes.Cursor in) {
        int flags = in.u8();
        in.u32();
        if ((flags & 1) != 0) {
            in.u32();
        }
    }

    /** The data segments, or null when one is not a plain passive or a constant-offset active one in bounds. */
    private static List<Segment> segments(WasmBytes.Cursor in, int end, long memoryBytes) {
        long n = in.u32();
        List<Segment> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long flag = in.u32();
            long offset = -1;
            if (flag == 0 || flag == 2) {
                if (flag == 2 && in.u32() != 0) {
                    return null;
                }
                if (in.u8() != 0x41) {
                    return null; // not i32.const: the offset is not known before instantiation
                }
                offset = Integer.toUnsignedLong(in.s32());
                if (in.u8() != 0x0b) {
                    return null;
                }
            } else if (flag != 1) {
                return null;
            }
            int length = Math.toIntExact(in.u32());
            int start = in.pos;
            in.pos = Math.addExact(start, length);
            if (in.pos > end || (offset >= 0 && offset + length > memoryBytes)) {
                return null;
            }
            out.add(new Segment(offset >= 0, offset, start, length));
        }
        return in.pos == end ? out : null;
    }

    /** {start, length} of the stretches of {@code image} to write: non-zero bytes, split at long zero runs. */
    private static List<int[]> runs(byte[] image) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < image.length) {
            while (i < image.length && image[i] == 0) {
                i++;
            }
            if (i == image.length) {
                break;
            }
            int start = i;
            int lastNonZero = i;
            while (i < image.length && i - lastNonZero < ZERO_GAP) {
                if (image[i] != 0) {
                    lastNonZero = i;
                }
                i++;
            }
            runs.add(new int[] {start, lastNonZero + 1 - start});
            i = lastNonZero + 1;
        }
        return runs;
    }

    /** {@code wasm} with the data section's content replaced and the data count (if {@code count >= 0}) set. */
    private static byte[] rebuild(byte[] wasm, byte[] data, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + data.length);
        out.write(wasm, 0, 8);
        for (WasmBytes.Section section : WasmBytes.sections(wasm)) {
            if (section.id() == DATA) {
                out.write(DATA);
                WasmBytes.writeU32(out, data.length);
                out.write(data, 0, data.length);
            } else if (section.id() == DATA_COUNT && count >= 0) {
                ByteArrayOutputStream c = new ByteArrayOutputStream();
                WasmBytes.writeU32(c, count);
                out.write(DATA_COUNT);
                WasmBytes.writeU32(out, c.size());
                out.write(c.toByteArray(), 0, c.size());
            } else {
                out.write(wasm, section.start(), section.end() - section.start());
            }
        }
        return out.toByteArray();
    }
}
