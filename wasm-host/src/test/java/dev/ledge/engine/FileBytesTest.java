package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read a megabyte at a time is the file, whatever its size; a missing one is reported as such. */
class FileBytesTest {
    @Test
    void readsEveryByteOfFilesOfAnySize(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        int mib = 1 << 20;
        for (int size : new int[] {0, 1, 4095, mib - 1, mib, mib + 1, 3 * mib + 17}) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            Path f = Files.write(dir.resolve("f" + size), data);
            assertArrayEquals(data, FileBytes.read(f), size + " bytes");
        }
    }

    @Test
    void aMissingFileIsNoSuchFile(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> FileBytes.read(dir.resolve("missing.wasm")));
    }
}
