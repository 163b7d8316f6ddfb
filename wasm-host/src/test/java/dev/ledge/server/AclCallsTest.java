package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fastly_acl from a real guest (src/test/wat/acl.wat), with ACLs from fastly.toml. */
class AclCallsTest {
    @TempDir
    Path dir;

    @Test
    void aclsOpenAndMatchTheLongestPrefix() throws Exception {
        Files.writeString(dir.resolve("acl.json"), "{\"entries\": ["
                + "{\"op\": \"create\", \"prefix\": \"192.0.2.0/24\", \"action\": \"BLOCK\"},"
                + "{\"op\": \"create\", \"prefix\": \"192.0.2.128/25\", \"action\": \"ALLOW\"},"
                + "{\"op\": \"create\", \"prefix\": \"2001:db8::/32\", \"action\": \"BLOCK\"}]}");
        Files.writeString(dir.resolve("empty.json"), "{\"entries\": []}");
        FastlyToml toml = FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"),
                "name = \"acl\"\n[local_server]\nacls.blocklist = \"acl.json\"\nacls.empty = { file = \"empty.json\" }\n"));
        try (TestServer server = new TestServer(PrelinkedModule.load("acl", Wat.compile("acl")), 8, toml)) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        }
    }

    @Test
    void aBadAclStopsTheServiceFromStarting() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"entries\": [{\"prefix\": \"10.0.0.0/40\", \"action\": \"BLOCK\"}]}");
        FastlyToml toml = FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), "[local_server.acls]\nmine = \"bad.json\"\n"));
        Vertx vertx = Vertx.vertx();
        try {
            ConfigException e = assertThrows(ConfigException.class, () -> ServiceResources.configure(toml, new HostContext(vertx, dir.resolve("data"))));
            assertTrue(e.getMessage().startsWith(dir.resolve("fastly.toml") + ": [local_server.acls] key 'mine': " + dir.resolve("bad.json")
                    + ": entries[0]: prefix '10.0.0.0/40'"), e.getMessage());
        } finally {
            vertx.close();
        }
    }
}
