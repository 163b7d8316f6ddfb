package dev.ledge.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
 * @param classes the compiled classes' bytes by class name
 */
record BootEntry(byte[] moduleSha, String codeKey, byte[] skeleton, int bodyCount, boolean requiresDataCount,
                 String mainClass, Map<String, byte[]> classes) {
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
        CompileCache.Verified v = cache.getVerified(key(module));
        if (v == null) {
            return null;
        }
        try {
            return decode(v.payload(), v.sha256());
        } catch (IOException | RuntimeException e) {
            cache.delete(key(module));
            return null;
        }
    }

    /** This entry for the module whose SHA-256 is {@code sha}. */
    BootEntry withModuleSha(byte[] sha) {
        return new BootEntry(sha, codeKey, skeleton, bodyCount, requiresDataCount, mainClass, classes);
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
        for (byte[] b : classes.values()) {
            size += b.length + 128;
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
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    private static BootEntry decode(byte[] payload, byte[] moduleSha) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        if (in.readInt() != VERSION) {
            throw new IOException("another boot entry version");
        }
        String codeKey = in.readUTF();
        int bodyCount = in.readInt();
        boolean requiresDataCount = in.readBoolean();
        byte[] skeleton = bytes(in, payload.length);
        String main = in.readUTF();
        int n = in.readInt();
        if (n < 1 || n > payload.length) {
            throw new IOException("bad class count " + n);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            classes.put(name, bytes(in, payload.length));
        }
        if (in.read() != -1 || bodyCount < 0 || !classes.containsKey(main)) {
            throw new IOException("malformed boot entry");
        }
        return new BootEntry(moduleSha, codeKey, skeleton, bodyCount, requiresDataCount, main, classes);
    }

    private static byte[] bytes(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("bad length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
