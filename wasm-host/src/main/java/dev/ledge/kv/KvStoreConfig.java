package dev.ledge.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KV stores fastly.toml describes under [local_server], read as Fastly's local tool reads them.
 * The table is {@code kv_stores} (or {@code object_stores} / {@code object_store}, its older names;
 * only one of them may be given). Each store is either an array of entries
 * {@code {key, data}} or {@code {key, file}} (older files say {@code path}), each with an optional
 * string {@code metadata}, or a table {@code {file = "...", format = "json"}} naming a JSON object
 * whose values are strings or objects {@code {data | file, metadata}}. Files are read relative to
 * the directory that holds fastly.toml.
 */
final class KvStoreConfig {
    static final List<String> TABLES = List.of("kv_stores", "object_stores", "object_store");
    private static final String ARRAY_OR_FILE =
            "must be an array of entries ({key, data} or {key, file}) or a table with 'file' and format = \"json\"";

    private final FastlyToml toml;

    /** The stores found, in file order, with the entries to seed each with; {@code table} names where. */
    record Stores(String table, Map<String, List<KvSeed>> seeds) {
    }

    private KvStoreConfig(FastlyToml toml) {
        this.toml = toml;
    }

    static Stores read(FastlyToml toml) {
        return new KvStoreConfig(toml).read();
    }

    private Stores read() {
        String used = null;
        JsonNode table = null;
        for (String t : TABLES) {
            JsonNode n = toml.localServerTable(t);
            if (n == null) {
                continue;
            }
            if (used != null) {
                throw toml.error("local_server", t, "cannot be given together with '" + used
                        + "': both describe the same KV stores");
            }
            if (!n.isObject()) {
                throw toml.error("local_server", t, "must be a table of KV stores");
            }
            used = t;
            table = n;
        }
        Map<String, List<KvSeed>> seeds = new LinkedHashMap<>();
        if (table == null) {
            return new Stores("local_server.kv_stores", seeds);
        }
        String where = "local_server." + used;
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String problem = KvStores.nameProblem(name);
            if (problem != null) {
                throw toml.error(where, name, problem);
            }
            seeds.put(name, store(where, name, e.getValue()));
        }
        return new Stores(where, seeds);
    }

    private List<KvSeed> store(String where, String name, JsonNode value) {
        if (value.isArray()) {
            List<KvSeed> out = new ArrayList<>();
            int i = 0;
            for (JsonNode item : value) {
                i++;
                out.add(arrayEntry(where + "." + name, i, item));
            }
            return out;
        }
        if (!value.isObject()) {
            throw toml.error(where, name, ARRAY_OR_FILE);
        }
        JsonNode file = value.get("file");
        JsonNode format = value.get("format");
        if (file == null && format == null) {
            throw toml.error(where, name, ARRAY_OR_FILE);
        }
        if (file == null || format == null) {
            throw toml.error(where, name, "needs both 'file' and 'format' (only '" + (file == null ? "format" : "file") + "' is given)");
        }
        if (!file.isTextual()) {
            throw toml.error(where, name, "'file' must be a string");
        }
        if (!format.isTextual()) {
            throw toml.error(where, name, "'format' must be a string");
        }
        if (!format.asText().equals("json")) {
            throw toml.error(where, name, "format \"" + format.asText() + "\" is not supported; use \"json\"");
        }
        return jsonFile(where, name, toml.resolve(file.asText()));
    }

    private KvSeed arrayEntry(String where, int index, JsonNode item) {
        if (!item.isObject()) {
            throw toml.error(where, null, "entry " + index + " must be a table like {key = \"...\", data = \"...\"}");
        }
        JsonNode keyNode = item.get("key");
        if (keyNode == null) {
            throw toml.error(where, null, "entry " + index + " has no 'key'");
        }
        if (!keyNode.isTextual()) {
            throw toml.error(where, null, "entry " + index + ": 'key' must be a string");
        }
        String key = keyNode.asText();
        JsonNode file = item.has("file") ? item.get("file") : item.get("path");
        return entry(where, key, item.get("data"), file, item.get("metadata"), "");
    }

    private List<KvSeed> jsonFile(String where, String name, Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw toml.error(where, name, "cannot read " + path + ": no such file");
        } catch (JsonProcessingException e) {
            throw toml.error(where, name, path + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw toml.error(where, name, "cannot read " + path + ": " + e);
        }
        if (root == null || !root.isObject()) {
            throw toml.error(where, name, path + " must hold one JSON object of keys and values");
        }
        List<KvSeed> out = new ArrayList<>();
        String entryWhere = where + "." + name;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.add(entry(entryWhere, e.getKey(), v, null, null, " in " + path));
            } else if (v.isObject()) {
                out.add(entry(entryWhere, e.getKey(), v.get("data"), v.get("file"), v.get("metadata"), " in " + path));
            } else {
                throw toml.error(entryWhere, e.getKey(), "the value" + " in " + path
                        + " must be a string or an object with 'data' or 'file' (and optionally 'metadata')");
            }
        }
        return out;
    }

    private KvSeed entry(String where, String key, JsonNode data, JsonNode file, JsonNode metadata, String in) {
        String problem = KvKeys.problem(key);
        if (problem != null) {
            throw toml.error(where, key, "is not a valid key" + in + ": " + problem);
        }
        if (data == null && file == null) {
            throw toml.error(where, key, "needs 'data' or 'file'" + in);
        }
        if (data != null && file != null) {
            throw toml.error(where, key, "has both 'data' and 'file'" + in + "; give one");
        }
        byte[] value;
        if (data != null) {
            if (!data.isTextual()) {
                throw toml.error(where, key, "'data'" + in + " must be a string");
            }
            value = data.asText().getBytes(StandardCharsets.UTF_8);
        } else {
            if (!file.isTextual()) {
                throw toml.error(where, key, "'file'" + in + " must be a string");
            }
            Path p = toml.resolve(file.asText());
            try {
                value = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                throw toml.error(where, key, "cannot read " + p + ": no such file");
            } catch (IOException e) {
                throw toml.error(where, key, "cannot read " + p + ": " + e);
            }
        }
        byte[] meta = new byte[0];
        if (metadata != null) {
            if (!metadata.isTextual()) {
                throw toml.error(where, key, "'metadata'" + in + " must be a string");
            }
            meta = metadata.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new KvSeed(key, value, meta);
    }
}
