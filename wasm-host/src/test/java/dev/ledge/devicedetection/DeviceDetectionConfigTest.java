package dev.ledge.devicedetection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [local_server.device_detection] as Fastly's local tool reads it, and every way it can be wrong. */
class DeviceDetectionConfigTest {
    @TempDir
    Path dir;

    private FastlyToml toml(String table) throws Exception {
        return FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"),
                "name = \"t\"\n[local_server]\n[local_server.device_detection]\n" + table));
    }

    private static String json(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private void assertError(String table, String key, String problem) throws Exception {
        FastlyToml t = toml(table);
        ConfigException e = assertThrows(ConfigException.class, () -> DeviceDetection.read(t));
        String m = e.getMessage();
        assertTrue(m.startsWith(dir.resolve("fastly.toml") + ": [local_server.device_detection] key '" + key + "'"), m);
        assertTrue(m.contains(problem), m);
    }

    @Test
    void inlineTomlGivesCompactJsonPerUserAgent() throws Exception {
        DeviceDetection dd = DeviceDetection.read(toml("format = \"inline-toml\"\n"
                + "[local_server.device_detection.user_agents.\"Mozilla/5.0 (iPhone)\"]\n"
                + "user_agent = {}\nos = {}\n"
                + "device = {name = \"iPhone\", brand = \"Apple\", is_mobile = true, year = 2011, score = 0.5, tags = [\"a\", \"b\"]}\n"
                + "[local_server.device_detection.user_agents.\"bot/1.0\"]\n"
                + "device = {is_desktop = false}\n"));
        assertEquals("{\"user_agent\":{},\"os\":{},\"device\":{\"name\":\"iPhone\",\"brand\":\"Apple\",\"is_mobile\":true,\"year\":2011,\"score\":0.5,\"tags\":[\"a\",\"b\"]}}",
                json(dd.lookup("Mozilla/5.0 (iPhone)")));
        assertEquals("{\"device\":{\"is_desktop\":false}}", json(dd.lookup("bot/1.0")));
        assertNull(dd.lookup("Mozilla/5.0"));
    }

    @Test
    void aJsonFileMapsUserAgentsToObjects() throws Exception {
        Files.writeString(dir.resolve("dd.json"), "{\"ua-1\": {\"device\": {\"name\": \"X\"}}, \"ua-2\": {}}");
        DeviceDetection dd = DeviceDetection.read(toml("format = \"json\"\nfile = \"dd.json\"\n"));
        assertEquals("{\"device\":{\"name\":\"X\"}}", json(dd.lookup("ua-1")));
        assertEquals("{}", json(dd.lookup("ua-2")));
        assertNull(dd.lookup("ua-3"));
    }

    @Test
    void withoutAFormatNothingIsKnown() throws Exception {
        assertNull(DeviceDetection.read(toml("")).lookup("x"));
        assertNull(DeviceDetection.read(FastlyToml.empty()).lookup("x"));
    }

    @Test
    void badFormatsAreNamed() throws Exception {
        assertError("format = 1\n", "format", "must be a string");
        assertError("format = \"\"\n", "format", "is empty");
        assertError("format = \"yaml\"\n", "format", "'yaml' is not \"inline-toml\" or \"json\"");
    }

    @Test
    void badInlineTablesAreNamed() throws Exception {
        assertError("format = \"inline-toml\"\n", "user_agents", "is missing");
        assertError("format = \"inline-toml\"\nuser_agents = 3\n", "user_agents", "must be a table");
        assertError("format = \"inline-toml\"\n[local_server.device_detection.user_agents]\n\"ua/1\" = \"phone\"\n",
                "user_agents.\"ua/1\"", "must be a table of fields");
    }

    @Test
    void badJsonFilesAreNamed() throws Exception {
        assertError("format = \"json\"\n", "file", "needs a 'file' string");
        assertError("format = \"json\"\nfile = 7\n", "file", "needs a 'file' string");
        assertError("format = \"json\"\nfile = \"\"\n", "file", "the file name is empty");
        assertError("format = \"json\"\nfile = \"none.json\"\n", "file", dir.resolve("none.json") + ": no such file");
        Files.writeString(dir.resolve("broken.json"), "{");
        assertError("format = \"json\"\nfile = \"broken.json\"\n", "file", dir.resolve("broken.json") + ": not valid JSON");
        Files.writeString(dir.resolve("list.json"), "[1]");
        assertError("format = \"json\"\nfile = \"list.json\"\n", "file", "expected one JSON object");
        Files.writeString(dir.resolve("str.json"), "{\"ua\": \"phone\"}");
        assertError("format = \"json\"\nfile = \"str.json\"\n", "file", "the value for user agent \"ua\" is not an object");
    }
}
