package dev.ledge.devicedetection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What the service knows about devices, by exact user-agent string, from
 * {@code [local_server.device_detection]} as Fastly's local tool reads it: {@code format =
 * "inline-toml"} with a {@code user_agents} table (UA → table), or {@code format = "json"} with a
 * {@code file} holding one JSON object (UA → object). Without a format, nothing is known.
 */
public final class DeviceDetection {
    static final String TABLE = "local_server.device_detection";
    /** Made when first needed: most services have no such file, and an ObjectMapper costs a start tens of milliseconds. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private final Map<String, byte[]> byUserAgent;

    DeviceDetection(Map<String, byte[]> byUserAgent) {
        this.byUserAgent = Map.copyOf(byUserAgent);
    }

    /** Reads the table (and its JSON file) now; a bad entry fails here naming file, table and key. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(DeviceDetection.class, read(toml));
    }

    /** The compact JSON known for {@code userAgent}, or null. */
    public byte[] lookup(String userAgent) {
        return byUserAgent.get(userAgent);
    }

    static DeviceDetection read(FastlyToml toml) {
        JsonNode table = toml.localServerTable("device_detection");
        JsonNode format = table == null ? null : table.get("format");
        if (format == null) {
            return new DeviceDetection(Map.of());
        }
        if (!format.isTextual()) {
            throw toml.error(TABLE, "format", "must be a string: \"inline-toml\" or \"json\"");
        }
        switch (format.asText()) {
            case "inline-toml":
                return inline(toml, table);
            case "json":
                return fromFile(toml, table);
            case "":
                throw toml.error(TABLE, "format", "is empty; use \"inline-toml\" or \"json\"");
            default:
                throw toml.error(TABLE, "format", "'" + format.asText() + "' is not \"inline-toml\" or \"json\"");
        }
    }

    private static DeviceDetection inline(FastlyToml toml, JsonNode table) {
        JsonNode uas = table.get("user_agents");
        if (uas == null) {
            throw toml.error(TABLE, "user_agents", "is missing; format \"inline-toml\" needs a table of user agents");
        }
        if (!uas.isObject()) {
            throw toml.error(TABLE, "user_agents", "must be a table of user agent → table of fields");
        }
        return fromObject(uas, ua -> toml.error(TABLE, "user_agents.\"" + ua + "\"", "must be a table of fields"));
    }

    private static DeviceDetection fromFile(FastlyToml toml, JsonNode table) {
        Path path = toml.jsonFile(TABLE, table);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw toml.error(TABLE, "file", path + ": no such file");
        } catch (JsonProcessingException e) {
            throw toml.error(TABLE, "file", path + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw toml.error(TABLE, "file", path + ": cannot read: " + e);
        }
        if (root == null || !root.isObject()) {
            throw toml.error(TABLE, "file", path + ": expected one JSON object mapping user agents to objects");
        }
        return fromObject(root, ua -> toml.error(TABLE, "file", path + ": the value for user agent \"" + ua + "\" is not an object"));
    }

    private static DeviceDetection fromObject(JsonNode uas, java.util.function.Function<String, RuntimeException> notAnObject) {
        Map<String, byte[]> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = uas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw notAnObject.apply(e.getKey());
            }
            try {
                out.put(e.getKey(), Json.MAPPER.writeValueAsBytes(e.getValue()));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("a parsed JSON tree did not serialize", ex);
            }
        }
        return new DeviceDetection(out);
    }
}
