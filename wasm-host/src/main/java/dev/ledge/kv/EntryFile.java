package dev.ledge.kv;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The file that holds one KV entry. Layout (big-endian): the magic "LKV1", generation (u64),
 * expiry in epoch milliseconds (s64, -1 for none), key length (u32) and key (UTF-8), metadata
 * length (u32) and metadata, value length (u64) and value, then a CRC-32 of all the bytes before it.
 * A file is written to a temporary name, forced to disk and then moved over the old one in one
 * atomic step, so a reader or a crash sees either the old entry or the new one, never a mix. The
 * directory is not forced after the move (that would triple the cost of a write): a power loss
 * right after a write may bring back the value before it, but never a damaged one.
 */
final class EntryFile {
    private static final int MAGIC = 0x4C4B5631; // "LKV1"
    /** Longest key or metadata a header may claim before the file is considered damaged. */
    private static final int MAX_FIELD = 1 << 20;

    private EntryFile() {
    }

    /** What the header of an entry file says; {@code expiresAt} is -1 for no expiry. */
    record Header(String key, byte[] metadata, long generation, long expiresAt, long valueLength) {
        boolean expiredAt(long nowMillis) {
            return expiresAt >= 0 && nowMillis >= expiresAt;
        }
    }

    /** Writes the entry to {@code tmp}, forces it to disk and moves it over {@code target}. */
    static void write(Path target, Path tmp, Header h, byte[] value) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CRC32 crc = new CRC32();
            OutputStream raw = Channels.newOutputStream(ch);
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 64 * 1024), crc));
            byte[] key = h.key().getBytes(StandardCharsets.UTF_8);
            out.writeInt(MAGIC);
            out.writeLong(h.generation());
            out.writeLong(h.expiresAt());
            out.writeInt(key.length);
            out.write(key);
            out.writeInt(h.metadata().length);
            out.write(h.metadata());
            out.writeLong(value.length);
            out.write(value);
            out.flush();
            // The checksum itself is not part of what it covers.
            ByteBuffer tail = ByteBuffer.allocate(4).putInt((int) crc.getValue()).flip();
            while (tail.hasRemaining()) {
                ch.write(tail);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.createDirectories(target.getParent());
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads only the header, checking that the file is as long as the header says. */
    static Header readHeader(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8 * 1024)) {
            Header h = parseHeader(new DataInputStream(in), file);
            long expected = headerLength(h) + h.valueLength() + 4;
            if (size != expected) {
                throw new IOException(file + ": " + size + " bytes where the header promises " + expected);
            }
            return h;
        }
    }

    /** An entry read whole and checked against its CRC. */
    record Entry(Header header, byte[] value) {
    }

    static Entry readAll(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 4) {
            throw new IOException(file + ": too short to be an entry");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 4);
        int stored = ByteBuffer.wrap(all, all.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new IOException(file + ": checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 4));
        Header h = parseHeader(in, file);
        int offset = (int) headerLength(h);
        if (offset + h.valueLength() != all.length - 4) {
            throw new IOException(file + ": value length does not match the file");
        }
        byte[] value = java.util.Arrays.copyOfRange(all, offset, all.length - 4);
        return new Entry(h, value);
    }

    private static Header parseHeader(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(file + ": not a Ledge KV entry");
        }
        long generation = in.readLong();
        long expiresAt = in.readLong();
        byte[] key = readField(in, file, "key");
        byte[] metadata = readField(in, file, "metadata");
        long valueLength = in.readLong();
        if (valueLength < 0) {
            throw new IOException(file + ": negative value length");
        }
        return new Header(new String(key, StandardCharsets.UTF_8), metadata, generation, expiresAt, valueLength);
    }

    private static byte[] readField(DataInputStream in, Path file, String what) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > MAX_FIELD) {
            throw new IOException(file + ": implausible " + what + " length " + len);
        }
        byte[] b = in.readNBytes(len);
        if (b.length != len) {
            throw new IOException(file + ": ends inside the " + what);
        }
        return b;
    }

    private static long headerLength(Header h) {
        return 4 + 8 + 8 + 4 + h.key().getBytes(StandardCharsets.UTF_8).length + 4 + h.metadata().length + 8;
    }
}
