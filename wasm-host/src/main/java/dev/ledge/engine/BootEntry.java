package dev.ledge.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Everything a restart needs to serve a module whose code is in the compile cache, in one cache
 * entry, so that a start reads one file and does no work it did before: the module's SHA-256, the
 * module (as compiled: split, if it was) without its code section, and the compiled classes
 * uncompressed. It is found by a fingerprint of the module's bytes (length, CRC-32C and CRC-32,
 * intrinsics even in a JVM just started) instead of their SHA-256, which in such a JVM takes a
 * quarter of a second for an 11 MB module; the SHA-256 it holds is checked against the bytes once
 * the server is up ({@link ModuleDigests#verifyLater}). Only for modules the interpreter runs
 * nothing of: the code section is then all stubs, and needs no parsing.
 *
 * @param moduleSha the SHA-256 of the module as given
 * @param codeKey the compile cache key of the compiled code (deleted with this entry if it does not load)
 * @param skeleton the module as compiled, without its code section and with its active data segments merged ({@link CoalescedData})
 * @param bodyCount how many function bodies the code section has
 * @param requiresDataCount whether the code section needs a data count section (as Chicory's parser found)
 * @param mainClass the compiled machine's class
 * @param classes the compiled classes' bytes by class name (as read, slices of the entry: not copied)
 */
record BootEntry(byte[] moduleSha, String codeKey, byte[] skeleton, int bodyCount, boolean requiresDataCount,
                 String mainClass, Map<String, ByteBuffer> classes) {
    private static final int VERSION = 1;

    /** The compile cache key of the boot entry for {@code module} (the bytes as given). */
    static String key(byte[] module) {
        CRC32C c = new CRC32C();
        c.update(module, 0, module.length);
        CRC32 k = new CRC32();
        k.update(module, 0, module.length);
        // Not String.format: its first use in a JVM costs tens of milliseconds.
        return "boot-" + Long.toHexString(module.length) + "-" + hex8(c.getValue()) + hex8(k.getValue()) + "-" + Outlining.variant();
    }

    /** {@code v} (32 bits) as eight hex digits. */
    private static String hex8(long v) {
        return Long.toHexString(v | 0x1_0000_0000L).substring(1);
    }

    /** The entry for {@code module} from {@code cache}, or null when there is none or it is not one this Ledge wrote. */
    static BootEntry read(byte[] module, CompileCache cache) {
        String key = key(module);
        CompileCache.InPlace v = cache.getInPlace(key);
        if (v == null) {
            return null;
        }
        try {
            return decode(v, v.sha256());
        } catch (IOException | RuntimeException e) {
            cache.delete(key);
            return null;
        }
    }

    /** Stores this entry for {@code module} unless one is stored already. */
    void write(byte[] module, CompileCache cache) {
        cache.putIfAbsent(key(module), encode(), moduleSha);
    }

    /** Removes the entry for {@code module}. */
    static void delete(byte[] module, CompileCache cache) {
        cache.delete(key(module));
    }

    private byte[] encode() {
        int size = skeleton.length + 1024;
        for (ByteBuffer b : classes.values()) {
            size += b.remaining() + 128;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeUTF(codeKey);
            out.writeInt(bodyCount);
            out.writeBoolean(requiresDataCount);
            out.writeInt(skeleton.length);
            out.write(skeleton);
            out.writeUTF(mainClass);
            out.writeInt(classes.size());
            for (Map.Entry<String, ByteBuffer> e : classes.entrySet()) {
                ByteBuffer b = e.getValue().duplicate();
                out.writeUTF(e.getKey());
                out.writeInt(b.remaining());
                if (b.hasArray()) {
                    out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                } else {
                    byte[] copy = new byte[b.remaining()];
                    b.get(copy);
                    out.write(copy);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    /** Decodes the payload where it lies in the entry: the classes stay slices of it. */
    private static BootEntry decode(CompileCache.InPlace p, byte[] moduleSha) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(p.entry(), p.offset(), p.length());
        if (in.getInt() != VERSION) {
            throw new IOException("another boot entry version");
        }
        String codeKey = utf(in);
        int bodyCount = in.getInt();
        boolean requiresDataCount = in.get() != 0;
        ByteBuffer skeletonBytes = slice(in);
        byte[] skeleton = new byte[skeletonBytes.remaining()];
        skeletonBytes.get(skeleton);
        String main = utf(in);
        int n = in.getInt();
        if (n < 1 || n > p.length()) {
            throw new IOException("bad class count " + n);
        }
        Map<String, ByteBuffer> classes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = utf(in);
            classes.put(name, slice(in));
        }
        if (in.hasRemaining() || bodyCount < 0 || !classes.containsKey(main)) {
            throw new IOException("malformed boot entry");
        }
        return new BootEntry(moduleSha, codeKey, skeleton, bodyCount, requiresDataCount, main, classes);
    }

    /** The next length-prefixed stretch of {@code in}, as a slice of the same array. */
    private static ByteBuffer slice(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IOException("bad length " + n);
        }
        ByteBuffer s = ByteBuffer.wrap(in.array(), in.arrayOffset() + in.position(), n).slice();
        in.position(in.position() + n);
        return s;
    }

    /** A string as {@link DataOutputStream#writeUTF} wrote it (the names here are ASCII). */
    private static String utf(ByteBuffer in) throws IOException {
        int n = in.getShort() & 0xffff;
        if (n > in.remaining()) {
            throw new IOException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.get(b);
        for (byte c : b) {
            if (c < 0) {
                throw new IOException("not an ASCII name");
            }
        }
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
