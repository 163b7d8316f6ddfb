package dev.ledge.stores;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledge.config.FastlyToml;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code dictionaries.NAME} / {@code config_stores.NAME} definition the way Fastly's
 * local tool does: {@code format = "inline-toml"} with a {@code contents} table of strings, or
 * {@code format = "json"} with {@code file} naming a JSON object of strings; nothing else.
 */
final class ConfigStoreReader {
    /** Longest key, in characters (Fastly's documented limit, checked by its local tool). */
    static final int MAX_KEY_CHARS = 256;
    /** Longest value, in characters. */
    static final int MAX_VALUE_CHARS = 8000;

    private ConfigStoreReader() {
    }

    /** The store {@code name} defined by {@code def} in table {@code where} (e.g. "local_server.config_stores"). */
    static ConfigStore read(FastlyToml toml, String where, String name, JsonNode def) {
        if (!def.isObject()) {
            throw toml.error(where, name, "must be a table with 'format' and 'contents' or 'file'");
        }
        String table = where + "." + name;
        JsonNode format = def.get("format");
        if (format == null) {
            throw toml.error(table, "format", "is missing; use \"inline-toml\" or \"json\"");
        }
        if (!format.isTextual()) {
            throw toml.error(table, "format", "must be a string");
        }
        Map<String, String> entries;
        switch (format.asText()) {
            case "inline-toml" -> {
                onlyKeys(toml, table, def, Set.of("format", "contents"));
                entries = inline(toml, table, def.get("contents"));
            }
            case "json" -> {
                onlyKeys(toml, table, def, Set.of("format", "file"));
                entries = json(toml, table, def.get("file"));
            }
            case "" -> throw toml.error(table, "format", "is empty; use \"inline-toml\" or \"json\"");
            default -> throw toml.error(table, "format", "unknown format \"" + format.asText()
                    + "\"; use \"inline-toml\" or \"json\"");
        }
        return new ConfigStore(name, entries);
    }

    private static void onlyKeys(FastlyToml toml, String table, JsonNode def, Set<String> allowed) {
        for (Iterator<String> it = def.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                String expected = String.join(", ", allowed.stream().sorted().toList());
                throw toml.error(table, k, "is not a recognised key here (expected " + expected + ")");
            }
        }
    }

    private static Map<String, String> inline(FastlyToml toml, String table, JsonNode contents) {
        if (contents == null) {
            throw toml.error(table, "contents", "is missing (format \"inline-toml\" needs a table of strings)");
        }
        if (!contents.isObject()) {
            throw toml.error(table, "contents", "must be a table of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contents.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw toml.error(table + ".contents", e.getKey(), "must be a string");
            }
            checkLimits(toml, table + ".contents", e.getKey(), e.getKey(), e.getValue().asText(), "");
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Map<String, String> json(FastlyToml toml, String table, JsonNode file) {
        if (file == null) {
            throw toml.error(table, "file", "is missing (format \"json\" needs the path of a JSON file)");
        }
        if (!file.isTextual()) {
            throw toml.error(table, "file", "must be a string");
        }
        if (file.asText().isEmpty()) {
            throw toml.error(table, "file", "is empty");
        }
        Path path = toml.resolve(file.asText());
        JsonNode obj = JsonObjectFile.read(toml, table, "file", path);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw toml.error(table, "file", path + ": the value of \"" + e.getKey() + "\" must be a string");
            }
            checkLimits(toml, table, "file", e.getKey(), e.getValue().asText(), path + ": ");
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static void checkLimits(FastlyToml toml, String table, String key, String entryKey, String value, String prefix) {
        int keyChars = entryKey.codePointCount(0, entryKey.length());
        if (keyChars > MAX_KEY_CHARS) {
            throw toml.error(table, key, prefix + "the key \"" + entryKey.substring(0, 20) + "...\" has " + keyChars
                    + " characters; at most " + MAX_KEY_CHARS + " are allowed");
        }
        int valueChars = value.codePointCount(0, value.length());
        if (valueChars > MAX_VALUE_CHARS) {
            throw toml.error(table, key, prefix + "the value of \"" + entryKey + "\" has " + valueChars
                    + " characters; at most " + MAX_VALUE_CHARS + " are allowed");
        }
    }
}
