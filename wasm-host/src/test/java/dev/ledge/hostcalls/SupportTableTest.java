package dev.ledge.hostcalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.abi.AbiSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md's support table is the one generated from abi/spec and the link table. */
class SupportTableTest {
    @Test
    void readmeHoldsTheGeneratedTable() throws Exception {
        String table = new SupportTable(AbiSpec.bundled(), HostcallRegistry.standard()).markdown();
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(SupportTable.BEGIN);
        int end = readme.indexOf(SupportTable.END);
        assertTrue(begin >= 0 && end > begin, "README.md has no support-table markers");
        assertEquals(table, readme.substring(begin, end + SupportTable.END.length() + 1),
                "README.md's support table is stale: replace it with the output of `java -jar wasm-host/target/ledge.jar abi`");
    }

    @Test
    void theTableCountsEveryModule() {
        String table = new SupportTable(AbiSpec.bundled(), HostcallRegistry.standard()).markdown();
        for (String module : AbiSpec.bundled().modules().keySet()) {
            assertTrue(table.contains("| `" + module + "` |"), module);
        }
    }
}
