package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.Wat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --admin-addr}: a bad address ends the CLI with exit code 2 and a line naming the option. */
class AdminAddrCliTest {
    @Test
    void aBadAdminAddressNamesTheOption(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("nothing.wasm"), Wat.compile("nothing"));
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"serve", wasm.toString(), "--addr", "127.0.0.1:0", "--admin-addr", "localhost"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--admin-addr localhost: expected HOST:PORT"), err.toString());
    }
}
