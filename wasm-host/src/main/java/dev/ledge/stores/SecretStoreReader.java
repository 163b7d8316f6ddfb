package dev.ledge.stores;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Reads one {@code secret_stores.NAME} definition the way Fastly's local tool does: an array of
 * {@code {key, data | file | env}} entries, or a table {@code {file, format = "json"}} naming a
 * JSON object of secret names to strings. Store and secret names are 1 to 255 characters of
 * letters, digits, '-', '_' and '.'.
 */
final class SecretStoreReader {
    static final int MAX_NAME = 255;

    private SecretStoreReader() {
    }

    static SecretStore read(FastlyToml toml, String name, JsonNode def) {
        if (!validName(name)) {
            throw toml.error(SecretStores.TABLE, name, "is not a valid secret store name (1 to " + MAX_NAME
                    + " letters, digits, '-', '_' or '.')");
        }
        String table = SecretStores.TABLE + "." + name;
        Map<String, Secret> secrets = new LinkedHashMap<>();
        if (def.isObject()) {
            fromJsonFile(toml, table, def, secrets);
        } else if (def.isArray()) {
            int i = 0;
            for (JsonNode item : def) {
                i++;
                readItem(toml, table, i, item, secrets);
            }
        } else {
            throw toml.error(SecretStores.TABLE, name, "must be an array of {key, data|file|env} entries,"
                    + " or a table with file and format = \"json\"");
        }
        return new SecretStore(name, secrets);
    }

    private static void fromJsonFile(FastlyToml toml, String table, JsonNode def, Map<String, Secret> secrets) {
        JsonNode file = def.get("file");
        JsonNode format = def.get("format");
        if (file == null || format == null) {
            throw toml.error(table, file == null ? "file" : "format", "is missing; a secret store given as a table"
                    + " needs both file and format = \"json\" (or write the store as an array of secrets)");
        }
        if (!format.isTextual()) {
            throw toml.error(table, "format", "must be a string");
        }
        if (!format.asText().equals("json")) {
            throw toml.error(table, "format", "unknown format \"" + format.asText() + "\"; only \"json\" is supported");
        }
        if (!file.isTextual()) {
            throw toml.error(table, "file", "must be a string");
        }
        Path path = toml.resolve(file.asText());
        JsonNode obj = JsonObjectFile.read(toml, table, "file", path);
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!validName(e.getKey())) {
                throw toml.error(table, "file", path + ": \"" + e.getKey() + "\" is not a valid secret name");
            }
            if (!e.getValue().isTextual()) {
                throw toml.error(table, "file", path + ": the value of \"" + e.getKey() + "\" must be a string");
            }
            secrets.put(e.getKey(), new Secret(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void readItem(FastlyToml toml, String table, int index, JsonNode item, Map<String, Secret> secrets) {
        String entry = "entry " + index;
        if (!item.isObject()) {
            throw toml.error(table, null, entry + " must be a table {key, data|file|env}");
        }
        JsonNode key = item.get("key");
        if (key == null) {
            throw toml.error(table, "key", "is missing in " + entry);
        }
        if (!key.isTextual()) {
            throw toml.error(table, "key", "must be a string (" + entry + ")");
        }
        String k = key.asText();
        if (!validName(k)) {
            throw toml.error(table, "key", "\"" + k + "\" (" + entry + ") is not a valid secret name (1 to " + MAX_NAME
                    + " letters, digits, '-', '_' or '.')");
        }
        List<String> sources = new ArrayList<>();
        for (String s : new String[] {"data", "file", "env"}) {
            if (item.has(s)) {
                sources.add(s);
            }
        }
        if (sources.isEmpty()) {
            throw toml.error(table, k, "needs one of data, file or env (" + entry + ")");
        }
        if (sources.size() > 1) {
            throw toml.error(table, k, "has " + String.join(" and ", sources) + "; give exactly one of data, file or env ("
                    + entry + ")");
        }
        String source = sources.get(0);
        JsonNode v = item.get(source);
        if (!v.isTextual()) {
            throw toml.error(table, k, source + " must be a string (" + entry + ")");
        }
        secrets.put(k, new Secret(switch (source) {
            case "data" -> v.asText().getBytes(StandardCharsets.UTF_8);
            case "file" -> readFile(toml, table, k, v.asText());
            default -> fromEnvironment(toml, table, k, v.asText());
        }));
    }

    private static byte[] readFile(FastlyToml toml, String table, String key, String file) {
        Path path = toml.resolve(file);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw toml.error(table, key, "file " + path + ": no such file");
        } catch (IOException e) {
            throw toml.error(table, key, "file " + path + ": cannot read: " + e);
        }
    }

    private static byte[] fromEnvironment(FastlyToml toml, String table, String key, String variable) {
        String value = variable.isEmpty() ? null : System.getenv(variable);
        if (value == null) {
            throw toml.error(table, key, "env: the environment variable '" + variable + "' is not set");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
