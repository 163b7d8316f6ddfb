package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.ledge.testing.Wat;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stubbed copy keeps every section and the chosen bodies byte for byte, and refuses bytes it cannot walk. */
class StubbedCodeTest {
    private static final byte[] MODULE = Wat.compile("bench_hello"); // 4 imported functions, then $ok and _start

    private static List<OpCode> opcodes(WasmModule m, int local) {
        return m.codeSection().getFunctionBody(local).instructions().stream().map(AnnotatedInstruction::opcode).toList();
    }

    @Test
    void keepsTheChosenBodiesAndStubsTheOthers() {
        WasmModule original = Parser.parse(MODULE);
        byte[] stubbed = StubbedCode.of(MODULE, 4, Set.of(5));
        WasmModule m = Parser.parse(stubbed);
        assertEquals(original.codeSection().functionBodyCount(), m.codeSection().functionBodyCount());
        assertEquals(List.of(OpCode.UNREACHABLE, OpCode.END), opcodes(m, 0), "$ok is stubbed");
        assertEquals(opcodes(original, 1), opcodes(m, 1), "_start is kept");
        assertEquals(original.codeSection().getFunctionBody(1).localTypes(), m.codeSection().getFunctionBody(1).localTypes());
        assertEquals(original.importSection().importCount(), m.importSection().importCount());
        assertEquals(original.exportSection().exportCount(), m.exportSection().exportCount());
        assertArrayEquals(original.dataSection().dataSegments()[0].data(), m.dataSection().dataSegments()[0].data());
        assertTrue(stubbed.length < MODULE.length);
    }

    @Test
    void keepingEveryBodyGivesTheSameBytes() {
        assertArrayEquals(MODULE, StubbedCode.of(MODULE, 4, Set.of(4, 5)));
    }

    @Test
    void aModuleWithoutCodeIsReturnedAsItIs() {
        byte[] empty = Wat.compileText("stub_no_code", "(module (memory 1))");
        byte[] out = StubbedCode.of(empty, 0, Set.of());
        assertTrue(out == empty || Arrays.equals(out, empty));
    }

    @Test
    void bytesThatAreNotSectionsAreRefused() {
        byte[] truncated = Arrays.copyOf(MODULE, MODULE.length - 5);
        assertNull(StubbedCode.of(truncated, 4, Set.of()));
        byte[] badLeb = Arrays.copyOf(MODULE, 14);
        Arrays.fill(badLeb, 9, 14, (byte) 0xff);
        assertNull(StubbedCode.of(badLeb, 4, Set.of()));
        assertNull(StubbedCode.typesAndImports(badLeb));
    }

    @Test
    void typesAndImportsKeepsJustThoseSections() {
        byte[] head = StubbedCode.typesAndImports(MODULE);
        WasmModule m = Parser.parse(head);
        assertEquals(4, m.importSection().importCount());
        assertEquals(0, m.codeSection().functionBodyCount());
        assertSame(null, m.startSection().orElse(null));
    }
}
