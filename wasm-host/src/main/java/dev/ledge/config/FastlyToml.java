package dev.ledge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ledge.session.GuestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A Fastly Compute project's fastly.toml, read the way Fastly's local tool reads it. This first
 * version takes the service identity and checks the shape of {@code [local_server]}; the stores,
 * backends and geolocation it describes are wired up as those hostcalls arrive.
 */
public final class FastlyToml {
    /** The tables Fastly's local tool reads under [local_server]. */
    static final Set<String> LOCAL_SERVER_TABLES = Set.of("backends", "dictionaries", "config_stores",
            "geolocation", "kv_stores", "object_stores", "secret_stores", "acls", "device_detection");

    private final Path file;
    private final JsonNode root;

    private FastlyToml(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** A project without a fastly.toml. */
    public static FastlyToml empty() {
        return new FastlyToml(null, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    public static FastlyToml load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Parses {@code text} as if read from {@code file} (paths in it resolve against the file's directory). */
    public static FastlyToml parse(Path file, String text) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid TOML: " + firstLine(e.getMessage()), e);
        }
        FastlyToml t = new FastlyToml(file, root);
        t.check();
        return t;
    }

    private void check() {
        stringKey(root, "name", "");
        stringKey(root, "service_id", "");
        JsonNode ls = root.get("local_server");
        if (ls == null) {
            return;
        }
        if (!ls.isObject()) {
            throw new ConfigException(file + ": [local_server] must be a table");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ls.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (LOCAL_SERVER_TABLES.contains(e.getKey()) && !e.getValue().isObject()) {
                throw new ConfigException(file + ": [local_server] key '" + e.getKey() + "' must be a table");
            }
        }
    }

    private void stringKey(JsonNode table, String key, String where) {
        JsonNode v = table.get(key);
        if (v != null && !v.isTextual()) {
            throw new ConfigException(file + ": " + (where.isEmpty() ? "top-level" : "[" + where + "]")
                    + " key '" + key + "' must be a string");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The service's name, or {@code fallback}. */
    public String name(String fallback) {
        JsonNode n = root.get("name");
        return n != null ? n.asText() : fallback;
    }

    /** The environment guests see, with the service id from the file when it has one. */
    public GuestEnvironment environment() {
        GuestEnvironment env = GuestEnvironment.defaults();
        JsonNode id = root.get("service_id");
        return id != null && !id.asText().isEmpty() ? env.withService(id.asText(), env.serviceVersion()) : env;
    }

    /** The [local_server] table, or an empty node. */
    public JsonNode localServer() {
        JsonNode ls = root.get("local_server");
        return ls != null ? ls : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** The table [local_server.NAME] (e.g. "config_stores"), or {@code null} when absent. */
    public JsonNode localServerTable(String name) {
        JsonNode t = localServer().get(name);
        return t == null || t.isNull() ? null : t;
    }

    /** A path from the file, resolved against the directory that holds fastly.toml. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || file == null) {
            return p;
        }
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? p : dir.resolve(p);
    }

    /**
     * The JSON file a {@code format = "json"} table names in its {@code file} key, resolved against
     * this file's directory; a missing, non-string or empty name is an error naming table and key.
     */
    public Path jsonFile(String table, JsonNode t) {
        JsonNode file = t.get("file");
        if (file == null || !file.isTextual()) {
            throw error(table, "file", "format \"json\" needs a 'file' string naming the JSON file");
        }
        if (file.asText().isEmpty()) {
            throw error(table, "file", "the file name is empty");
        }
        return resolve(file.asText());
    }

    /** An error about {@code key} in {@code [table]}, naming this file. */
    public ConfigException error(String table, String key, String problem) {
        return new ConfigException((file == null ? "fastly.toml" : file.toString()) + ": [" + table + "]"
                + (key == null ? "" : " key '" + key + "'") + ": " + problem);
    }

    /**
     * A copy where the list {@code key} of {@code [local_server.TABLE]} starts with {@code values}
     * (then whatever the file lists): how command-line options add to the file's settings.
     */
    public FastlyToml withLocalServerList(String table, String key, java.util.List<String> values) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = (com.fasterxml.jackson.databind.node.ObjectNode) root.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode ls = copy.get("local_server") instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                ? o : copy.putObject("local_server");
        com.fasterxml.jackson.databind.node.ObjectNode t = ls.get(table) instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                ? o : ls.putObject(table);
        com.fasterxml.jackson.databind.node.ArrayNode list = t.arrayNode();
        values.forEach(list::add);
        JsonNode old = t.get(key);
        if (old != null && old.isArray()) {
            list.addAll((com.fasterxml.jackson.databind.node.ArrayNode) old);
        } else if (old != null) {
            return this;
        }
        t.set(key, list);
        return new FastlyToml(file, copy);
    }

    /** The file this came from, or {@code null}. */
    public Path file() {
        return file;
    }
}
