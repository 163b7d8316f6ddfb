package dev.ledge.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A listing page as the JSON body guests receive, shaped as Fastly's local tool shapes it:
 * {@code {"data":[keys...],"meta":{"limit":N,"prefix":"...","next_cursor":"..."}}}, where prefix
 * appears only when one was asked for and next_cursor only when more keys follow. A cursor is the
 * standard base64 of the last key of the previous page.
 */
public final class KvListing {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KvListing() {
    }

    public static byte[] json(KvStore.Page page, long limit, String prefix) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        page.keys().forEach(data::add);
        ObjectNode meta = root.putObject("meta");
        meta.put("limit", limit);
        if (prefix != null) {
            meta.put("prefix", prefix);
        }
        if (page.nextAfter() != null) {
            meta.put("next_cursor", cursorAfter(page.nextAfter()));
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The cursor that continues a listing after {@code key}. */
    public static String cursorAfter(String key) {
        return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor continues after; BAD_REQUEST when it is not base64 of UTF-8 text. */
    public static String keyOfCursor(String cursor) throws KvStoreException {
        try {
            byte[] raw = Base64.getDecoder().decode(cursor);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new KvStoreException(KvError.BAD_REQUEST, "cursor \"" + cursor + "\" is not one a listing gave");
        }
    }
}
