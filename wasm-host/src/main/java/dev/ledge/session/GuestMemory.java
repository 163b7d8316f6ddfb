package dev.ledge.session;

import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked access to a guest's linear memory for hostcalls: a pointer or length outside
 * memory is the guest's error and becomes {@code inval}, never a host exception.
 */
public final class GuestMemory {
    private final Memory memory;

    public GuestMemory(Memory memory) {
        this.memory = memory;
    }

    private long size() {
        return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
    }

    /** Pages (64 KiB each) of linear memory the guest has now. */
    public int pages() {
        return memory == null ? 0 : memory.pages();
    }

    /** Checks that {@code [ptr, ptr+len)} (both u32) lies inside memory. */
    public void check(int ptr, int len, String what) {
        long p = Integer.toUnsignedLong(ptr);
        long l = Integer.toUnsignedLong(len);
        if (p + l > size()) {
            throw AbiError.inval(what + " [" + p + ", +" + l + ") lies outside guest memory of " + size() + " bytes");
        }
    }

    public byte[] read(int ptr, int len, String what) {
        check(ptr, len, what);
        return len == 0 ? new byte[0] : memory.readBytes(ptr, len);
    }

    /** Reads UTF-8 text; invalid UTF-8 is {@code inval}. */
    public String readUtf8(int ptr, int len, String what) {
        byte[] b = read(ptr, len, what);
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw AbiError.inval(what + " is not valid UTF-8");
        }
    }

    public void write(int ptr, byte[] bytes, String what) {
        check(ptr, bytes.length, what);
        if (bytes.length > 0) {
            memory.write(ptr, bytes);
        }
    }

    public void writeU32(int ptr, int value, String what) {
        check(ptr, 4, what);
        memory.writeI32(ptr, value);
    }

    public void writeU64(int ptr, long value, String what) {
        check(ptr, 8, what);
        memory.writeLong(ptr, value);
    }

    public int readU32(int ptr, String what) {
        check(ptr, 4, what);
        return memory.readInt(ptr);
    }

    public long readU64(int ptr, String what) {
        check(ptr, 8, what);
        return memory.readLong(ptr);
    }

    /**
     * Writes {@code value} into a guest buffer of {@code cap} bytes and its length to
     * {@code nwrittenPtr}; if it does not fit, writes the needed length and fails with buflen.
     */
    public void writeSized(byte[] value, int buf, int cap, int nwrittenPtr) {
        check(nwrittenPtr, 4, "nwritten_out");
        if (Integer.toUnsignedLong(cap) < value.length) {
            memory.writeI32(nwrittenPtr, value.length);
            throw new AbiError(dev.ledge.abi.Status.BUFLEN, "buffer of " + Integer.toUnsignedLong(cap) + " bytes is too small for " + value.length);
        }
        write(buf, value, "buf");
        memory.writeI32(nwrittenPtr, value.length);
    }
}
