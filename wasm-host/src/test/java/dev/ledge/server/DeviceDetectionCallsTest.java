package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fastly_device_detection from a real guest (src/test/wat/device_detection.wat), with the same
 * device data given inline in fastly.toml and in a JSON file.
 */
class DeviceDetectionCallsTest {
    @TempDir
    Path dir;

    private void assertAllChecksPass(FastlyToml toml) {
        try (TestServer server = new TestServer(PrelinkedModule.load("device_detection", Wat.compile("device_detection")), 8, toml)) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        }
    }

    @Test
    void inlineTomlDeviceData() throws Exception {
        assertAllChecksPass(FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), "[local_server.device_detection]\n"
                + "format = \"inline-toml\"\n"
                + "[local_server.device_detection.user_agents.\"test-agent/1.0 (Phone)\"]\n"
                + "device = { name = \"Phone\", is_mobile = true }\n")));
    }

    @Test
    void deviceDataFromAJsonFile() throws Exception {
        Files.writeString(dir.resolve("devices.json"), "{\"test-agent/1.0 (Phone)\": {\"device\": {\"name\": \"Phone\", \"is_mobile\": true}}}");
        assertAllChecksPass(FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"),
                "[local_server.device_detection]\nformat = \"json\"\nfile = \"devices.json\"\n")));
    }
}
