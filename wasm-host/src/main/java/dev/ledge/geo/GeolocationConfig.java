package dev.ledge.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledge.config.FastlyToml;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads {@code [local_server.geolocation]}: Fastly's keys exactly as its local tool reads them
 * ({@code use_default_loopback}; {@code format = "inline-toml"} with {@code addresses."IP" = {fields}},
 * or {@code format = "json"} with a {@code file} mapping addresses to objects) and Ledge's own
 * {@code databases}, a list of MaxMind DB files.
 */
final class GeolocationConfig {
    static final String TABLE = "local_server.geolocation";
    /** Made when first needed: most services have no such file, and an ObjectMapper costs a start tens of milliseconds. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private GeolocationConfig() {
    }

    static Geolocation read(FastlyToml toml) {
        JsonNode table = toml.localServerTable("geolocation");
        if (table == null) {
            return new Geolocation(Map::of, defaultDatabases(), true, Clock.systemUTC());
        }
        JsonNode loopback = table.get("use_default_loopback");
        if (loopback != null && !loopback.isBoolean()) {
            throw toml.error(TABLE, "use_default_loopback", "must be true or false");
        }
        Supplier<Map<InetAddress, byte[]>> addresses = addresses(toml, table);
        JsonNode useDefault = table.get("default_database");
        if (useDefault != null && !useDefault.isBoolean()) {
            throw toml.error(TABLE, "default_database", "must be true or false");
        }
        List<GeoDatabase> databases = databases(toml, table);
        // With a geolocation table the project says what it wants, as for Fastly's local tool;
        // the bundled database joins only when asked for.
        if (databases.isEmpty() && useDefault != null && useDefault.asBoolean()) {
            databases = defaultDatabases();
        }
        return new Geolocation(addresses, databases, loopback == null || loopback.asBoolean(), Clock.systemUTC());
    }

    /** The database inside ledge.jar when it carries one (country level, for public addresses). */
    private static List<GeoDatabase> defaultDatabases() {
        return BundledDatabase.present() ? List.of(GeoDatabase.bundled()) : List.of();
    }

    private static Supplier<Map<InetAddress, byte[]>> addresses(FastlyToml toml, JsonNode table) {
        JsonNode format = table.get("format");
        if (format == null) {
            return Map::of;
        }
        if (!format.isTextual()) {
            throw toml.error(TABLE, "format", "must be a string: \"inline-toml\" or \"json\"");
        }
        switch (format.asText()) {
            case "inline-toml":
                Map<InetAddress, byte[]> inline = inline(toml, table);
                return () -> inline;
            case "json":
                return fromFile(toml, table);
            case "":
                throw toml.error(TABLE, "format", "is empty; use \"inline-toml\" or \"json\"");
            default:
                throw toml.error(TABLE, "format", "'" + format.asText() + "' is not \"inline-toml\" or \"json\"");
        }
    }

    private static Map<InetAddress, byte[]> inline(FastlyToml toml, JsonNode table) {
        JsonNode addrs = table.get("addresses");
        if (addrs == null) {
            throw toml.error(TABLE, "addresses", "is missing; format \"inline-toml\" needs a table of addresses");
        }
        if (!addrs.isObject()) {
            throw toml.error(TABLE, "addresses", "must be a table of IP address → table of fields");
        }
        Map<InetAddress, byte[]> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = addrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = "addresses.\"" + e.getKey() + "\"";
            InetAddress a = address(e.getKey());
            if (a == null) {
                throw toml.error(TABLE, key, "'" + e.getKey() + "' is not an IP address");
            }
            if (!e.getValue().isObject()) {
                throw toml.error(TABLE, key, "must be a table of fields");
            }
            for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                    throw toml.error(TABLE, key + "." + field.getKey(), "must be a string, number or boolean");
                }
            }
            out.put(a, sortedJson(e.getValue()));
        }
        return Map.copyOf(out);
    }

    private static Supplier<Map<InetAddress, byte[]>> fromFile(FastlyToml toml, JsonNode table) {
        Path path = toml.jsonFile(TABLE, table);
        try {
            return ReloadingFile.open(path, "geolocation addresses file", GeolocationConfig::addressFile)::get;
        } catch (NoSuchFileException e) {
            throw toml.error(TABLE, "file", path + ": no such file");
        } catch (IOException e) {
            throw toml.error(TABLE, "file", path + ": " + e.getMessage());
        }
    }

    /** A JSON object mapping IP addresses to objects of fields (read again when the file changes, as Fastly's local tool does). */
    private static Map<InetAddress, byte[]> addressFile(byte[] bytes) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("expected one JSON object mapping IP addresses to objects");
        }
        Map<InetAddress, byte[]> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            InetAddress a = address(e.getKey());
            if (a == null) {
                throw new IOException("'" + e.getKey() + "' is not an IP address");
            }
            if (!e.getValue().isObject()) {
                throw new IOException("the value for address \"" + e.getKey() + "\" is not an object");
            }
            out.put(a, sortedJson(e.getValue()));
        }
        return Map.copyOf(out);
    }

    private static List<GeoDatabase> databases(FastlyToml toml, JsonNode table) {
        JsonNode dbs = table.get("databases");
        if (dbs == null) {
            return List.of();
        }
        if (!dbs.isArray()) {
            throw toml.error(TABLE, "databases", "must be a list of MaxMind DB file names");
        }
        List<GeoDatabase> out = new ArrayList<>();
        for (int i = 0; i < dbs.size(); i++) {
            JsonNode name = dbs.get(i);
            String key = "databases[" + i + "]";
            if (!name.isTextual() || name.asText().isEmpty()) {
                throw toml.error(TABLE, key, "must be a file name");
            }
            Path path = toml.resolve(name.asText());
            try {
                out.add(GeoDatabase.open(path));
            } catch (NoSuchFileException e) {
                throw toml.error(TABLE, key, path + ": no such file");
            } catch (IOException | RuntimeException e) {
                throw toml.error(TABLE, key, path + ": not a MaxMind DB file: " + e.getMessage());
            }
        }
        return out;
    }

    /** The address an IP literal names, or null (no name is ever resolved). */
    private static InetAddress address(String text) {
        boolean v4 = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** Compact JSON with the keys in alphabetical order, as Fastly's local tool writes these records. */
    private static byte[] sortedJson(JsonNode fields) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        fields.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
        ObjectNode o = Json.MAPPER.createObjectNode();
        sorted.forEach(o::set);
        try {
            return Json.MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not serialize", e);
        }
    }
}
