package dev.ledge.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [local_server.acls] as Fastly's local tool reads it, and every way it can be wrong. */
class AclConfigTest {
    @TempDir
    Path dir;

    private FastlyToml toml(String localServer) throws Exception {
        return FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), "name = \"t\"\n[local_server]\n" + localServer));
    }

    private void file(String name, String json) throws Exception {
        Files.writeString(dir.resolve(name), json);
    }

    private void assertError(String localServer, String key, String problem) throws Exception {
        FastlyToml t = toml(localServer);
        ConfigException e = assertThrows(ConfigException.class, () -> Acls.read(t));
        String m = e.getMessage();
        assertTrue(m.startsWith(dir.resolve("fastly.toml") + ": [local_server.acls] key '" + key + "'"), m);
        assertTrue(m.contains(problem), m);
    }

    @Test
    void aclsAreReadFromFilesNamedByStringOrTable() throws Exception {
        file("a.json", "{\"entries\":[{\"op\":\"create\",\"prefix\":\"1.2.3.0/24\",\"action\":\"BLOCK\"}]}");
        Files.createDirectories(dir.resolve("sub"));
        file("sub/b.json", "{\"entries\":[{\"op\":\"update\",\"prefix\":\"2001:db8::/32\",\"action\":\"allow\"},{\"prefix\":\"10.0.0.0/8\",\"action\":\"Block\"}]}");
        file("empty.json", "{\"entries\":[]}");
        Acls acls = Acls.read(toml("acls.first = \"a.json\"\nacls.second = { file = \"sub/b.json\" }\n[local_server.acls.third]\nfile = \"empty.json\"\n"));
        assertEquals(1, acls.get("first").size());
        assertEquals(2, acls.get("second").size());
        assertEquals(0, acls.get("third").size());
        assertNull(acls.get("fourth"));
        assertTrue(new String(acls.get("second").lookup(new byte[] {10, 1, 1, 1})).contains("\"action\": \"BLOCK\""));
    }

    @Test
    void noTableMeansNoAcls() throws Exception {
        assertNull(Acls.read(toml("")).get("any"));
        assertNotNull(Acls.read(FastlyToml.empty()));
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() throws Exception {
        assertError("acls.bad = 1\n", "bad", "must be a file name or a table with a 'file' key");
        assertError("acls.bad = { other = true }\n", "bad", "needs a 'file' string");
        assertError("acls.bad = { file = 3 }\n", "bad", "needs a 'file' string");
        assertError("acls.bad = \"\"\n", "bad", "the file name is empty");
    }

    @Test
    void aMissingOrBrokenFileIsNamed() throws Exception {
        assertError("acls.gone = \"nope.json\"\n", "gone", dir.resolve("nope.json") + ": no such file");
        file("broken.json", "{\"entries\": [");
        assertError("acls.broken = \"broken.json\"\n", "broken", dir.resolve("broken.json") + ": not valid JSON");
        file("list.json", "[]");
        assertError("acls.list = \"list.json\"\n", "list", "expected a JSON object with an \"entries\" array");
        file("noentries.json", "{\"items\": []}");
        assertError("acls.noentries = \"noentries.json\"\n", "noentries", "expected a JSON object with an \"entries\" array");
    }

    @Test
    void badEntriesNameTheFileAndTheEntry() throws Exception {
        String good = "{\"prefix\":\"1.2.3.0/24\",\"action\":\"BLOCK\"}";
        String[][] cases = {
                {"\"x\"", "entries[1]: not an object"},
                {"{\"action\":\"BLOCK\"}", "entries[1]: needs a \"prefix\" string"},
                {"{\"prefix\":\"1.2.3.4/33\",\"action\":\"BLOCK\"}", "entries[1]: prefix '1.2.3.4/33': the mask must be a number from 1 to 32"},
                {"{\"prefix\":\"1.2.3.4\",\"action\":\"BLOCK\"}", "entries[1]: prefix '1.2.3.4' is not ADDRESS/BITS"},
                {"{\"prefix\":\"1.2.3.x/8\",\"action\":\"BLOCK\"}", "entries[1]: '1.2.3.x' is not an IPv4 address"},
                {"{\"prefix\":\"2001:zz::/32\",\"action\":\"BLOCK\"}", "entries[1]: '2001:zz::' is not an IPv6 address"},
                {"{\"prefix\":\"1.2.3.0/24\"}", "entries[1]: needs an \"action\": \"ALLOW\" or \"BLOCK\""},
                {"{\"prefix\":\"1.2.3.0/24\",\"action\":\"POTATO\"}", "entries[1]: action \"POTATO\" is not \"ALLOW\" or \"BLOCK\""},
                {"{\"prefix\":\"1.2.3.0/24\",\"action\":1}", "entries[1]: action 1 is not"},
                {"{\"op\":\"delete\",\"prefix\":\"1.2.3.0/24\",\"action\":\"BLOCK\"}", "entries[1]: op \"delete\" is not \"create\" or \"update\""},
        };
        for (String[] c : cases) {
            file("e.json", "{\"entries\":[" + good + "," + c[0] + "]}");
            assertError("acls.mine = \"e.json\"\n", "mine", dir.resolve("e.json") + ": " + c[1]);
        }
    }
}
