package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.Wat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modules Ledge refuses at load time, each with a message that says what is wrong. */
class ModuleRejectionTest {
    private static String rejected(String name, byte[] bytes) {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> PrelinkedModule.load(name, bytes));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void anImportWhoseTypeDisagreesWithTheAbiIsRefusedNamingBothTypes() {
        String msg = rejected("bad_signature", Wat.compile("bad_signature"));
        assertTrue(msg.contains("fastly_http_body.new"), msg);
        assertTrue(msg.contains("declared as (i32 i32) -> i32 but the ABI"), msg);
        assertTrue(msg.endsWith("has (i32) -> i32"), msg);
        assertTrue(msg.contains("abi/spec/fastly_http_body.abi"), msg);
    }

    @Test
    void anImportedMemoryIsRefused() {
        String msg = rejected("imports_memory", Wat.compile("imports_memory"));
        assertTrue(msg.contains("env.memory") && msg.contains("only functions"), msg);
    }

    @Test
    void aModuleWithoutStartIsRefused() {
        assertTrue(rejected("no_start", Wat.compile("no_start")).contains("no _start"));
    }

    @Test
    void bytesThatAreNotWasmAreRefused() {
        assertTrue(rejected("text", "hello, world".getBytes(StandardCharsets.UTF_8)).contains("not a Wasm module"));
        assertTrue(rejected("empty", new byte[0]).contains("not a Wasm module"));
    }

    @Test
    void aComponentIsRefusedAsSuch() {
        byte[] component = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        assertTrue(rejected("component", component).contains("components are not"));
    }

    @Test
    void aTruncatedModuleIsRefused() {
        byte[] whole = Wat.compile("abi_errors");
        String msg = rejected("truncated", Arrays.copyOf(whole, whole.length / 2));
        assertTrue(msg.contains("malformed or invalid"), msg);
    }

    @Test
    void aModuleThatFailsValidationIsRefused() {
        // A function whose body leaves an i32 on the stack although its type returns nothing.
        byte[] invalid = {0, 'a', 's', 'm', 1, 0, 0, 0,
            1, 4, 1, 0x60, 0, 0, // type section: () -> ()
            3, 2, 1, 0, // function section: one function of type 0
            7, 10, 1, 6, '_', 's', 't', 'a', 'r', 't', 0, 0, // export _start
            10, 6, 1, 4, 0, 0x41, 1, 0x0b}; // code: i32.const 1; end
        String msg = rejected("invalid", invalid);
        assertTrue(msg.contains("malformed or invalid"), msg);
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> PrelinkedModule.load(dir.resolve("nope.wasm")));
        assertTrue(e.getMessage().contains("nope.wasm: no such file"), e.getMessage());
    }

    @Test
    void anOversizedFileIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.wasm");
        try (var ch = Files.newByteChannel(big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(ModuleLoader.MAX_MODULE_BYTES + 1);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0}));
        }
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> PrelinkedModule.load(big));
        assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
    }
}
