package dev.ledge.hostcalls;

import dev.ledge.abi.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records which hostcalls guests called and which status each call returned, for the ABI
 * coverage report: on when the system property {@code ledge.coverage.file} names a file, to which
 * the distinct {@code module.name status} lines are appended at JVM exit (a call Ledge answers
 * with its {@code unsupported} stub is recorded as {@code module.name stub}).
 */
public final class CallRecorder {
    /** The system property naming the file the calls are appended to. */
    public static final String PROPERTY = "ledge.coverage.file";
    /** The status word of a call answered by the stub for an unimplemented function. */
    public static final String STUB = "stub";
    static final boolean ENABLED;
    private static final Path FILE;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final Logger LOG = Logger.getLogger("ledge.hostcalls");

    static {
        String f = System.getProperty(PROPERTY, "");
        FILE = f.isBlank() ? null : Path.of(f);
        ENABLED = FILE != null;
        if (ENABLED) {
            Runtime.getRuntime().addShutdownHook(new Thread(CallRecorder::flush, "ledge-coverage-flush"));
        }
    }

    private CallRecorder() {
    }

    /** The line recorded for each status code a call of {@code qualifiedName} can return. */
    static String[] keys(String qualifiedName) {
        String[] keys = new String[Status.values().length];
        for (Status s : Status.values()) {
            keys[s.code()] = qualifiedName + " " + s.spelling();
        }
        return keys;
    }

    /** The line recorded for a call answered by the unsupported stub of {@code qualifiedName}. */
    static String stubKey(String qualifiedName) {
        return qualifiedName + " " + STUB;
    }

    /** Notes one call (a precomputed line from {@link #keys} or {@link #stubKey}). */
    static void record(String key) {
        SEEN.add(key);
    }

    /** Appends the lines recorded so far that the file does not hold yet (safe across JVMs). */
    public static synchronized void flush() {
        if (!ENABLED || SEEN.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                ByteBuffer existing = ByteBuffer.allocate((int) ch.size());
                while (existing.hasRemaining() && ch.read(existing, existing.position()) > 0) {
                    // reads the whole file
                }
                Set<String> fresh = new TreeSet<>(SEEN);
                fresh.removeAll(Arrays.asList(new String(existing.array(), StandardCharsets.UTF_8).split("\n")));
                StringBuilder sb = new StringBuilder();
                fresh.forEach(line -> sb.append(line).append('\n'));
                ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)), ch.size());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write the hostcall coverage file " + FILE, e);
        }
    }
}
