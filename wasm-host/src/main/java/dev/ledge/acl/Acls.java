package dev.ledge.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's ACLs, from {@code [local_server.acls]} in fastly.toml as Fastly's local tool reads
 * it: {@code NAME = "file.json"} or {@code NAME = { file = "file.json" }}, each file holding
 * {@code {"entries": [{"op": "create", "prefix": "1.2.3.0/24", "action": "BLOCK"}, ...]}}.
 */
public final class Acls {
    static final String TABLE = "local_server.acls";
    private final Map<String, Acl> byName;

    Acls(Map<String, Acl> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Reads every ACL file now; a bad file, prefix or action fails here naming file, table and key. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(Acls.class, read(toml));
    }

    static Acls read(FastlyToml toml) {
        JsonNode table = toml.localServerTable("acls");
        Map<String, Acl> acls = new java.util.LinkedHashMap<>();
        if (table != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                acls.put(e.getKey(), readAcl(toml, e.getKey(), e.getValue()));
            }
        }
        return new Acls(acls);
    }

    /** The ACL called {@code name}, or null. */
    public Acl get(String name) {
        return byName.get(name);
    }

    private static Acl readAcl(FastlyToml toml, String name, JsonNode def) {
        String file;
        if (def.isTextual()) {
            file = def.asText();
        } else if (def.isObject()) {
            JsonNode f = def.get("file");
            if (f == null || !f.isTextual()) {
                throw toml.error(TABLE, name, "the table needs a 'file' string naming the ACL's JSON file");
            }
            file = f.asText();
        } else {
            throw toml.error(TABLE, name, "must be a file name or a table with a 'file' key");
        }
        if (file.isEmpty()) {
            throw toml.error(TABLE, name, "the file name is empty");
        }
        Path path = toml.resolve(file);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw toml.error(TABLE, name, path + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw toml.error(TABLE, name, path + ": not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw toml.error(TABLE, name, path + ": cannot read: " + e);
        }
        JsonNode entries = root == null ? null : root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw toml.error(TABLE, name, path + ": expected a JSON object with an \"entries\" array");
        }
        List<AclEntry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                out.add(entry(entries.get(i)));
            } catch (IllegalArgumentException e) {
                throw toml.error(TABLE, name, path + ": entries[" + i + "]: " + e.getMessage());
            }
        }
        return new Acl(name, out);
    }

    private static AclEntry entry(JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        JsonNode op = e.get("op");
        if (op != null && !(op.isTextual() && (op.asText().equalsIgnoreCase("create") || op.asText().equalsIgnoreCase("update")))) {
            throw new IllegalArgumentException("op " + op + " is not \"create\" or \"update\"");
        }
        JsonNode prefix = e.get("prefix");
        if (prefix == null || !prefix.isTextual()) {
            throw new IllegalArgumentException("needs a \"prefix\" string like \"192.0.2.0/24\"");
        }
        JsonNode action = e.get("action");
        String a = action != null && action.isTextual() ? action.asText().toUpperCase(Locale.ROOT) : "";
        if (action == null) {
            throw new IllegalArgumentException("needs an \"action\": \"ALLOW\" or \"BLOCK\"");
        }
        if (!a.equals("ALLOW") && !a.equals("BLOCK")) {
            throw new IllegalArgumentException("action " + action + " is not \"ALLOW\" or \"BLOCK\"");
        }
        return new AclEntry(IpPrefix.parse(prefix.asText()), a);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "cannot read";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
