package dev.ledge.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Purges reach every listener; keys and replies follow Fastly's rules. */
class PurgesTest {
    @Test
    void everyListenerHearsOfEveryPurge() {
        Purges p = new Purges();
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        p.addListener((key, soft) -> a.add(key + (soft ? " soft" : "")));
        p.addListener((key, soft) -> b.add(key));
        p.purge("req", p.newPurgeId(), "k1", false);
        p.purge("req", p.newPurgeId(), "k2", true);
        assertEquals(List.of("k1", "k2 soft"), a);
        assertEquals(List.of("k1", "k2"), b);
    }

    @Test
    void surrogateKeysArePrintableAsciiUpTo1024Bytes() {
        assertTrue(Purges.isSurrogateKey(bytes("product-1")));
        assertTrue(Purges.isSurrogateKey(bytes("!~")));
        assertTrue(Purges.isSurrogateKey(bytes("k".repeat(1024))));
        assertFalse(Purges.isSurrogateKey(bytes("k".repeat(1025))));
        assertFalse(Purges.isSurrogateKey(bytes("")));
        assertFalse(Purges.isSurrogateKey(bytes("a b")));
        assertFalse(Purges.isSurrogateKey(bytes("tab\t")));
        assertFalse(Purges.isSurrogateKey(bytes("é")));
        assertFalse(Purges.isSurrogateKey(new byte[] {0x7f}));
    }

    @Test
    void idsAreFreshAndTheReplyIsFastlysJson() {
        Purges p = new Purges();
        String id = p.newPurgeId();
        assertTrue(id.matches("1-[0-9]+-[0-9]{6}"), id);
        assertNotEquals(id, p.newPurgeId());
        assertEquals("{\"status\":\"ok\",\"id\":\"" + id + "\"}", Purges.reply(id));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
