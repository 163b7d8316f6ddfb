package dev.ledge.engine.outline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import dev.ledge.testing.Wat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionOutlinerTest {
    private static final int LIMIT = 1500;
    private static final byte[] VM = Wat.compileText("outline_vm", OutlineFixture.wat(40));

    @Test
    void splitsTheLargeFunctionIntoPiecesThatFitAndValidate() {
        WasmModule original = Parser.parse(VM);
        FunctionOutliner.Result r = FunctionOutliner.outline(VM, original, LIMIT, LIMIT);
        assertTrue(bodySize(original, 1) > 4 * LIMIT, "fixture too small: " + bodySize(original, 1));
        assertEquals(1, r.functionsSplit());
        assertTrue(r.functionsAdded() >= 4, "added " + r.functionsAdded());
        assertEquals(List.of(), r.skipped());
        WasmModule split = Parser.parse(r.bytes()); // validates
        int defined = split.codeSection().functionBodyCount();
        assertEquals(original.codeSection().functionBodyCount() + r.functionsAdded(), defined);
        for (int f = 0; f < defined; f++) {
            assertTrue(bodySize(split, f) <= LIMIT * 5 / 4, "function " + f + " has " + bodySize(split, f) + " bytes");
        }
        // nothing existing moved: same exports, same types first, same type per old function
        assertEquals(original.exportSection().getExport(0).name(), split.exportSection().getExport(0).name());
        assertEquals(original.exportSection().getExport(0).index(), split.exportSection().getExport(0).index());
        for (int t = 0; t < original.typeSection().typeCount(); t++) {
            assertEquals(original.typeSection().getType(t), split.typeSection().getType(t));
        }
        for (int f = 0; f < original.functionSection().functionCount(); f++) {
            assertEquals(original.functionSection().getFunctionType(f), split.functionSection().getFunctionType(f));
        }
    }

    @Test
    void theSplitModuleComputesWhatTheOriginalDoes() {
        WasmModule original = Parser.parse(VM);
        WasmModule split = Parser.parse(FunctionOutliner.outline(VM, original, LIMIT, LIMIT).bytes());
        Instance reference = Instance.builder(original).build();
        Instance interpreted = Instance.builder(split).build();
        Instance compiled = Instance.builder(split).withMachineFactory(
                MachineFactoryCompiler.builder(split).withInterpreterFallback(InterpreterFallback.FAIL).compile()).build();
        List<String> expected = run(reference);
        assertEquals(expected, run(interpreted));
        assertEquals(expected, run(compiled));
        assertArrayEquals(reference.memory().readBytes(0, 4096), compiled.memory().readBytes(0, 4096));
        // the runs reach every kind of ending: a value, an early return, a branch out with a value, a trap
        assertTrue(expected.stream().anyMatch(s -> s.startsWith("trap")), "no run trapped");
        assertTrue(expected.contains("value 424242"), "no run returned early");
        assertTrue(expected.stream().distinct().count() > 100, "too few distinct outcomes");
    }

    @Test
    void leavesModulesWithoutLargeFunctionsAsTheyAre() {
        FunctionOutliner.Result r = FunctionOutliner.outline(VM, Parser.parse(VM), 1 << 20);
        assertFalse(r.changed());
        assertArrayEquals(VM, r.bytes());
    }

    @Test
    void leavesWholeAFunctionWithNothingToMoveOut() {
        StringBuilder s = new StringBuilder("(module (func (export \"run\") (result i32) (local i32)\n");
        for (int i = 0; i < 2000; i++) {
            s.append(" (local.set 0 (i32.add (local.get 0) (i32.const ").append(i).append(")))\n");
        }
        s.append(" (local.get 0)))\n");
        byte[] flat = Wat.compileText("outline_flat", s.toString());
        FunctionOutliner.Result r = FunctionOutliner.outline(flat, Parser.parse(flat), 500, 500);
        assertFalse(r.changed());
        assertArrayEquals(flat, r.bytes());
        assertEquals(1, r.skipped().size());
        assertTrue(r.skipped().get(0).contains("no region left to move out"), r.skipped().get(0));
    }

    private static List<String> run(Instance instance) {
        ExportFunction run = instance.export("run");
        List<String> out = new ArrayList<>();
        for (int seed = 0; seed < 400; seed++) {
            try {
                out.add("value " + run.apply(seed * 7919L, 60 + seed % 200)[0]);
            } catch (RuntimeException e) {
                out.add("trap " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static int bodySize(WasmModule m, int defined) {
        FunctionBody b = m.codeSection().getFunctionBody(defined);
        var ins = b.instructions();
        return ins.get(ins.size() - 1).address() - ins.get(0).address() + 1;
    }
}
