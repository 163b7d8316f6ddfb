package dev.ledge.hostcalls;

import dev.ledge.abi.Status;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import java.util.List;

/**
 * The ABI's cursor protocol for lists of byte strings (header names, header values): skip
 * {@code cursor} items, write as many whole items as fit, each followed by a NUL byte; report the
 * bytes written and the next cursor, or -1 when no items remain. If the first item does not fit,
 * the answer is {@code buflen} with the length that item needs.
 */
final class MultiValue {
    private MultiValue() {
    }

    static int write(GuestMemory mem, List<byte[]> items, int buf, int bufLen, int cursor,
                     int endingCursorPtr, int nwrittenPtr) {
        mem.check(endingCursorPtr, 8, "ending_cursor_out");
        mem.check(nwrittenPtr, 4, "nwritten_out");
        long cap = Integer.toUnsignedLong(bufLen);
        long start = Integer.toUnsignedLong(cursor);
        if (start >= items.size()) {
            mem.writeU32(nwrittenPtr, 0, "nwritten_out");
            mem.writeU64(endingCursorPtr, -1L, "ending_cursor_out");
            return Status.OK.code();
        }
        int first = (int) start;
        int i = first;
        long used = 0;
        while (i < items.size() && used + items.get(i).length + 1 <= cap) {
            used += items.get(i).length + 1;
            i++;
        }
        if (i == first) {
            mem.writeU32(nwrittenPtr, items.get(first).length + 1, "nwritten_out");
            throw new AbiError(Status.BUFLEN, "item " + first + " needs " + (items.get(first).length + 1) + " bytes");
        }
        mem.check(buf, (int) used, "buf");
        byte[] out = new byte[(int) used];
        int pos = 0;
        for (int k = first; k < i; k++) {
            byte[] item = items.get(k);
            System.arraycopy(item, 0, out, pos, item.length);
            pos += item.length + 1;
        }
        mem.write(buf, out, "buf");
        mem.writeU32(nwrittenPtr, (int) used, "nwritten_out");
        mem.writeU64(endingCursorPtr, i < items.size() ? i : -1L, "ending_cursor_out");
        return Status.OK.code();
    }
}
