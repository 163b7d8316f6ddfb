package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * How many operands each plain instruction pops and pushes, so the reader knows where the operand
 * stack of a block is empty: only there can the rest of the block move into another function.
 */
final class StackEffects {
    /** Marks an instruction after which the stack is polymorphic (br, br_table, return, unreachable). */
    static final int STOPS = Integer.MIN_VALUE;

    private final List<FunctionType> functions = new ArrayList<>();
    private final WasmModule module;

    StackEffects(WasmModule module) {
        this.module = module;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            if (module.importSection().getImport(i).importType() == ExternalType.FUNCTION) {
                functions.add(module.typeSection().getType(((FunctionImport) module.importSection().getImport(i)).typeIndex()));
            }
        }
        for (int i = 0; i < module.functionSection().functionCount(); i++) {
            functions.add(module.typeSection().getType(module.functionSection().getFunctionType(i)));
        }
    }

    /** The net change in stack height of a non-structured instruction, or {@link #STOPS}. */
    int delta(int b, Instruction in, byte[] bytes) {
        if (b == 0x00 || b == 0x0c || b == 0x0e || b == 0x0f) {
            return STOPS;
        }
        if (b == 0x0d) {
            return -1; // br_if: the condition goes, the label's values stay
        }
        if (b == 0x10) {
            FunctionType t = functions.get((int) in.operand(0));
            return t.returns().size() - t.params().size();
        }
        if (b == 0x11) {
            FunctionType t = module.typeSection().getType((int) in.operand(0));
            return t.returns().size() - t.params().size() - 1;
        }
        if (b == 0x01) {
            return 0;
        }
        if (b == 0x1a) {
            return -1;
        }
        if (b == 0x1b || b == 0x1c) {
            return -2;
        }
        if (b == 0x20 || b == 0x23) {
            return 1;
        }
        if (b == 0x21 || b == 0x24) {
            return -1;
        }
        if (b == 0x22) {
            return 0;
        }
        if (b == 0x25) {
            return 0;
        }
        if (b == 0x26) {
            return -2;
        }
        if (b >= 0x28 && b <= 0x35) {
            return 0;
        }
        if (b >= 0x36 && b <= 0x3e) {
            return -2;
        }
        if (b == 0x3f) {
            return 1;
        }
        if (b == 0x40) {
            return 0;
        }
        if (b >= 0x41 && b <= 0x44) {
            return 1;
        }
        if (b == 0x45 || b == 0x50) {
            return 0;
        }
        if ((b >= 0x46 && b <= 0x4f) || (b >= 0x51 && b <= 0x66)) {
            return -1;
        }
        if ((b >= 0x67 && b <= 0x69) || (b >= 0x79 && b <= 0x7b) || (b >= 0x8b && b <= 0x91) || (b >= 0x99 && b <= 0x9f)
                || (b >= 0xa7 && b <= 0xc4)) {
            return 0;
        }
        if ((b >= 0x6a && b <= 0x78) || (b >= 0x7c && b <= 0x8a) || (b >= 0x92 && b <= 0x98) || (b >= 0xa0 && b <= 0xa6)) {
            return -1;
        }
        if (b == 0xd0 || b == 0xd2) {
            return 1;
        }
        if (b == 0xd1) {
            return 0;
        }
        if (b == 0xfc) {
            int sub = (int) Bytes.readU32(bytes, new int[] {in.address() + 1});
            switch (sub) {
                case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
                    return 0;
                case 8: case 10: case 11: case 12: case 14: case 17:
                    return -3;
                case 9: case 13:
                    return 0;
                case 15:
                    return -1;
                case 16:
                    return 1;
                default:
                    break;
            }
        }
        throw new BodyReader.Unsupported("instruction 0x" + Integer.toHexString(b));
    }
}
