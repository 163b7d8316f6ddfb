package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a parsed function body into the outliner's tree of constructs, keeping each plain
 * instruction as a range of the module's bytes (Chicory records where each instruction starts).
 */
final class BodyReader {
    /** Thrown for a body the outliner leaves alone (exceptions, tail calls, typed references, SIMD). */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private BodyReader() {
    }

    static Item.Construct read(byte[] module, FunctionBody body, FunctionType type, TypeSection types, StackEffects effects) {
        Item.Construct root = new Item.Construct(Item.Construct.FUNCTION, null, List.of(), type.returns());
        Deque<Item.Construct> open = new ArrayDeque<>();
        Deque<Boolean> inElse = new ArrayDeque<>();
        Deque<int[]> height = new ArrayDeque<>(); // per open arm: operand stack height, -1 when unknown
        List<Item.Construct> all = new ArrayList<>();
        open.push(root);
        inElse.push(false);
        height.push(new int[] {0});
        List<? extends Instruction> ins = body.instructions();
        for (int i = 0; i < ins.size(); i++) {
            Instruction in = ins.get(i);
            int start = in.address();
            int end = i + 1 < ins.size() ? ins.get(i + 1).address() : start + 1;
            OpCode op = in.opcode();
            Item.Construct top = open.peek();
            List<Item> arm = inElse.peek() ? top.elseBody : top.body;
            int[] h = height.peek();
            switch (op) {
                case BLOCK:
                case LOOP:
                case IF: {
                    byte[] bt = java.util.Arrays.copyOfRange(module, start + 1, end);
                    FunctionType sig = blockType(bt, types);
                    Item.Construct c = new Item.Construct(module[start] & 0xff, bt, sig.params(), sig.returns());
                    c.heightBefore = h[0];
                    arm.add(c);
                    all.add(c);
                    open.push(c);
                    inElse.push(false);
                    height.push(new int[] {c.params.size()});
                    break;
                }
                case ELSE:
                    top.elseBody = new ArrayList<>();
                    inElse.pop();
                    inElse.push(true);
                    h[0] = top.params.size();
                    break;
                case END: {
                    Item.Construct closed = open.pop();
                    inElse.pop();
                    height.pop();
                    int[] outer = height.peek();
                    if (outer != null && outer[0] >= 0) {
                        int taken = closed.params.size() + (closed.opcode == Item.Construct.IF ? 1 : 0);
                        outer[0] = outer[0] - taken + closed.results.size();
                    }
                    if (open.isEmpty() && i != ins.size() - 1) {
                        throw new Unsupported("code after the function's end");
                    }
                    break;
                }
                case BR:
                case BR_IF:
                    arm.add(new Item.Op(op == OpCode.BR ? Item.Op.BR : Item.Op.BR_IF, start, end, module[start] & 0xff, -1,
                            new Item.Construct[] {target(open, in.operand(0))}));
                    break;
                case BR_TABLE: {
                    Item.Construct[] t = new Item.Construct[in.operandCount()];
                    for (int k = 0; k < t.length; k++) {
                        t[k] = target(open, in.operand(k));
                    }
                    arm.add(new Item.Op(Item.Op.BR_TABLE, start, end, 0x0e, -1, t));
                    break;
                }
                case RETURN:
                    arm.add(new Item.Op(Item.Op.BR, start, end, 0x0c, -1, new Item.Construct[] {root}));
                    break;
                case LOCAL_GET:
                case LOCAL_SET:
                case LOCAL_TEE:
                    arm.add(new Item.Op(Item.Op.LOCAL, start, end, module[start] & 0xff, (int) in.operand(0), null));
                    break;
                default: {
                    String n = op.name();
                    if (n.startsWith("TRY") || n.startsWith("THROW") || n.startsWith("RETHROW") || n.startsWith("DELEGATE")
                            || n.startsWith("CATCH") || n.startsWith("BR_ON") || n.startsWith("RETURN_CALL")
                            || (module[start] & 0xff) == 0xfd || (module[start] & 0xff) == 0xfb) {
                        throw new Unsupported("instruction " + n);
                    }
                    arm.add(new Item.Op(Item.Op.RAW, start, end, module[start] & 0xff, -1, null));
                }
            }
            if (op != OpCode.BLOCK && op != OpCode.LOOP && op != OpCode.IF && op != OpCode.ELSE && op != OpCode.END) {
                Item added = arm.get(arm.size() - 1);
                added.heightBefore = h[0];
                int d = effects.delta(module[start] & 0xff, in, module);
                h[0] = d == StackEffects.STOPS || h[0] < 0 ? -1 : h[0] + d;
            }
        }
        if (!open.isEmpty()) {
            throw new Unsupported("unbalanced body");
        }
        for (int k = all.size() - 1; k >= 0; k--) {
            all.get(k).summarize(); // inner constructs come later in the list, so they are summarized first
        }
        root.summarize();
        return root;
    }

    private static Item.Construct target(Deque<Item.Construct> open, long depth) {
        int d = (int) depth;
        for (Item.Construct c : open) {
            if (d-- == 0) {
                return c;
            }
        }
        throw new Unsupported("branch depth " + depth + " outside the function");
    }

    static FunctionType blockType(byte[] bt, TypeSection types) {
        int b = bt[0] & 0xff;
        if (b == 0x40) {
            return FunctionType.empty();
        }
        ValType v = simple(b);
        if (v != null) {
            return FunctionType.returning(v);
        }
        long idx = Bytes.readS64(bt, new int[] {0});
        if (idx < 0 || idx >= types.typeCount()) {
            throw new Unsupported("block type " + idx);
        }
        return types.getType((int) idx);
    }

    static ValType simple(int b) {
        switch (b) {
            case 0x7f: return ValType.I32;
            case 0x7e: return ValType.I64;
            case 0x7d: return ValType.F32;
            case 0x7c: return ValType.F64;
            case 0x70: return ValType.FuncRef;
            case 0x6f: return ValType.ExternRef;
            default: return null;
        }
    }
}
