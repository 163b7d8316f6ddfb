package dev.ledge.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk store itself, with a clock the test moves: persistence, generations, expiry, damage, locking. */
class KvStoreTest {
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    private KvStore open(Path dir) throws IOException {
        return KvStore.open("s", dir, clock::get);
    }

    private static InsertOptions opts(InsertMode mode, String meta, Long ttl, Long match) {
        return new InsertOptions(mode, meta == null ? null : meta.getBytes(UTF_8), ttl, match);
    }

    private static String text(KvValue v) {
        return new String(v.value(), UTF_8);
    }

    @Test
    void valuesMetadataAndGenerationsOutliveAReopen(@TempDir Path dir) throws Exception {
        long gen;
        try (KvStore s = open(dir)) {
            s.insert("a/b", "v".getBytes(UTF_8), opts(InsertMode.OVERWRITE, "m", null, null));
            gen = s.lookup("a/b").generation();
        }
        try (KvStore s = open(dir)) {
            KvValue v = s.lookup("a/b");
            assertEquals("v", text(v));
            assertEquals("m", new String(v.metadata(), UTF_8));
            assertEquals(gen, v.generation());
            // A write after the restart gets a larger generation even if the clock went back.
            clock.addAndGet(-60_000);
            s.insert("a/b", "w".getBytes(UTF_8), InsertOptions.overwrite());
            assertTrue(Long.compareUnsigned(s.lookup("a/b").generation(), gen) > 0);
        }
    }

    @Test
    void everyWriteChangesTheGenerationAndModesCombineValues(@TempDir Path dir) throws Exception {
        try (KvStore s = open(dir)) {
            s.insert("k", "1".getBytes(UTF_8), opts(InsertMode.ADD, null, null, null));
            long g1 = s.lookup("k").generation();
            KvStoreException add = assertThrows(KvStoreException.class,
                    () -> s.insert("k", "x".getBytes(UTF_8), opts(InsertMode.ADD, null, null, null)));
            assertEquals(KvError.PRECONDITION_FAILED, add.error());
            s.insert("k", "2".getBytes(UTF_8), opts(InsertMode.APPEND, null, null, null));
            long g2 = s.lookup("k").generation();
            s.insert("k", "0".getBytes(UTF_8), opts(InsertMode.PREPEND, null, null, null));
            long g3 = s.lookup("k").generation();
            assertEquals("012", text(s.lookup("k")));
            assertNotEquals(g1, g2);
            assertNotEquals(g2, g3);
            // Append and prepend onto nothing just store the value.
            s.insert("fresh", "z".getBytes(UTF_8), opts(InsertMode.PREPEND, null, null, null));
            assertEquals("z", text(s.lookup("fresh")));
        }
    }

    @Test
    void generationMatchIsRequiredWhenAsked(@TempDir Path dir) throws Exception {
        try (KvStore s = open(dir)) {
            s.insert("k", "1".getBytes(UTF_8), InsertOptions.overwrite());
            long g = s.lookup("k").generation();
            s.insert("k", "2".getBytes(UTF_8), opts(InsertMode.OVERWRITE, null, null, g));
            KvStoreException stale = assertThrows(KvStoreException.class,
                    () -> s.insert("k", "3".getBytes(UTF_8), opts(InsertMode.OVERWRITE, null, null, g)));
            assertEquals(KvError.PRECONDITION_FAILED, stale.error());
            assertEquals("2", text(s.lookup("k")));
            KvStoreException missing = assertThrows(KvStoreException.class,
                    () -> s.insert("none", "3".getBytes(UTF_8), opts(InsertMode.OVERWRITE, null, null, 5L)));
            assertEquals(KvError.PRECONDITION_FAILED, missing.error());
        }
    }

    @Test
    void entriesExpireWhenTheClockPassesTheirTimeToLive(@TempDir Path dir) throws Exception {
        try (KvStore s = open(dir)) {
            s.insert("short", "x".getBytes(UTF_8), opts(InsertMode.OVERWRITE, null, 1L, null));
            s.insert("long", "y".getBytes(UTF_8), opts(InsertMode.OVERWRITE, null, 3600L, null));
            clock.addAndGet(999);
            assertEquals("x", text(s.lookup("short")));
            clock.addAndGet(1);
            assertEquals(KvError.NOT_FOUND, assertThrows(KvStoreException.class, () -> s.lookup("short")).error());
            assertEquals(List.of("long"), s.list(null, null, 10).keys());
            assertEquals(KvError.NOT_FOUND, assertThrows(KvStoreException.class, () -> s.delete("short")).error());
            // An expired value counts as absent for add.
            s.insert("long2", "a".getBytes(UTF_8), opts(InsertMode.OVERWRITE, null, 1L, null));
            clock.addAndGet(1000);
            s.insert("long2", "b".getBytes(UTF_8), opts(InsertMode.ADD, null, null, null));
            assertEquals("b", text(s.lookup("long2")));
        }
        // Expired entries are gone from disk after a reopen.
        clock.addAndGet(3_600_000);
        try (KvStore s = open(dir)) {
            assertEquals(List.of("long2"), s.list(null, null, 10).keys());
        }
    }

    @Test
    void listingPagesInCodePointOrderUnderAPrefix(@TempDir Path dir) throws Exception {
        try (KvStore s = open(dir)) {
            for (String k : List.of("p/b", "p/a", "p/\uE000", "p/\uD83D\uDE00", "q", "o")) {
                s.insert(k, new byte[0], InsertOptions.overwrite());
            }
            KvStore.Page first = s.list("p/", null, 2);
            assertEquals(List.of("p/a", "p/b"), first.keys());
            assertEquals("p/b", first.nextAfter());
            KvStore.Page second = s.list("p/", first.nextAfter(), 2);
            // U+E000 sorts before U+1F600 by code point (UTF-16 order would say otherwise).
            assertEquals(List.of("p/\uE000", "p/\uD83D\uDE00"), second.keys());
            assertNull(second.nextAfter());
            assertEquals(List.of("o", "p/a", "p/b", "p/\uE000", "p/\uD83D\uDE00", "q"), s.list(null, null, 100).keys());
            assertEquals(List.of("p/a"), s.list("p/", "a", 1).keys());
            assertEquals(List.of(), s.list("p/", "p/\uD83D\uDE00", 5).keys());
            assertEquals(List.of("p/\uE000", "p/\uD83D\uDE00"), s.list("p/", "p/z", 5).keys());
            assertEquals("{\"data\":[\"p/a\",\"p/b\"],\"meta\":{\"limit\":2,\"prefix\":\"p/\",\"next_cursor\":\"cC9i\"}}",
                    new String(KvListing.json(first, 2, "p/"), UTF_8));
            assertEquals("p/b", KvListing.keyOfCursor("cC9i"));
            assertEquals(KvError.BAD_REQUEST, assertThrows(KvStoreException.class, () -> KvListing.keyOfCursor("%%")).error());
        }
    }

    @Test
    void limitsGiveThePayloadTooLargeError(@TempDir Path dir) throws Exception {
        try (KvStore s = open(dir)) {
            KvStoreException meta = assertThrows(KvStoreException.class, () -> s.insert("k", new byte[1],
                    new InsertOptions(InsertMode.OVERWRITE, new byte[KvStore.MAX_METADATA_BYTES + 1], null, null)));
            assertEquals(KvError.PAYLOAD_TOO_LARGE, meta.error());
            s.insert("k", new byte[KvStore.MAX_VALUE_BYTES - 1], InsertOptions.overwrite());
            KvStoreException value = assertThrows(KvStoreException.class,
                    () -> s.insert("k", new byte[2], opts(InsertMode.APPEND, null, null, null)));
            assertEquals(KvError.PAYLOAD_TOO_LARGE, value.error());
        }
    }

    @Test
    void leftoversAndDamagedFilesDoNotStopTheStore(@TempDir Path dir) throws Exception {
        Path damaged;
        Path flipped;
        try (KvStore s = open(dir)) {
            s.insert("good", "g".getBytes(UTF_8), InsertOptions.overwrite());
            s.insert("cut", "c".repeat(100).getBytes(UTF_8), InsertOptions.overwrite());
            s.insert("flip", "f".repeat(100).getBytes(UTF_8), InsertOptions.overwrite());
            damaged = s.pathFor("cut");
            flipped = s.pathFor("flip");
        }
        // A write that died before its move, a file cut short, a value byte flipped.
        Files.writeString(dir.resolve("tmp").resolve("dead.tmp"), "half an entry");
        byte[] cut = Files.readAllBytes(damaged);
        Files.write(damaged, java.util.Arrays.copyOf(cut, cut.length - 10));
        byte[] f = Files.readAllBytes(flipped);
        f[f.length - 20] ^= 1;
        Files.write(flipped, f);
        try (KvStore s = open(dir)) {
            assertEquals(List.of(), Files.list(dir.resolve("tmp")).toList());
            assertEquals("g", text(s.lookup("good")));
            assertEquals(KvError.NOT_FOUND, assertThrows(KvStoreException.class, () -> s.lookup("cut")).error());
            assertEquals(KvError.INTERNAL_ERROR, assertThrows(KvStoreException.class, () -> s.lookup("flip")).error());
            // Writing the key again replaces the damaged file.
            s.insert("flip", "new".getBytes(UTF_8), InsertOptions.overwrite());
            assertEquals("new", text(s.lookup("flip")));
        }
    }

    @Test
    void oneDirectoryServesOneOpenStoreAtATime(@TempDir Path dir) throws Exception {
        try (KvStore s = open(dir)) {
            IOException e = assertThrows(IOException.class, () -> open(dir));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        open(dir).close();
    }

    @Test
    void seedingKeepsAnIdenticalEntryAndReplacesADifferentOne(@TempDir Path dir) throws Exception {
        try (KvStore s = open(dir)) {
            s.seed(new KvSeed("k", "v".getBytes(UTF_8), "m".getBytes(UTF_8)));
            long g = s.lookup("k").generation();
            s.seed(new KvSeed("k", "v".getBytes(UTF_8), "m".getBytes(UTF_8)));
            assertEquals(g, s.lookup("k").generation());
            s.seed(new KvSeed("k", "v".getBytes(UTF_8), new byte[0]));
            assertNotEquals(g, s.lookup("k").generation());
            assertArrayEquals(new byte[0], s.lookup("k").metadata());
        }
    }

    @Test
    void keysFollowFastlysRules() {
        for (String bad : List.of("", ".", "..", ".well-known/acme-challenge/x", "a\rb", "a\nb", "a#", "a;", "a?", "a^", "a|",
                "\u0000", " ", "\u0020", "\uFFFE", "\uFFFF", "x".repeat(1025))) {
            assertTrue(KvKeys.problem(bad) != null, "should refuse " + bad);
        }
        for (String good : List.of("a", "...", "a/b.c", " x", "x".repeat(1024), "\u00e9".repeat(512), "\uD83D\uDE00", "a\tb")) {
            assertNull(KvKeys.problem(good), good);
        }
    }
}
