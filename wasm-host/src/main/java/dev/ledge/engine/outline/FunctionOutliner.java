package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits functions too large to compile well into smaller ones, as a Wasm-to-Wasm rewrite that
 * keeps the module's behaviour: regions of a large function (whole blocks, loops and ifs, or the
 * rest of a block after a nested one) move into new functions that receive the locals they use and
 * hand back the locals they changed and how they ended (fell through, or branched out of the region
 * to which label, with which values). Why: Chicory compiles each Wasm function to one JVM method,
 * and a method has at most 64 KiB of bytecode — larger functions fall back to Chicory's
 * interpreter — while HotSpot does not JIT-compile methods above 8,000 bytes at all by default.
 * New functions are appended, so every existing function, type and table index stays as it was.
 */
public final class FunctionOutliner {
    private FunctionOutliner() {
    }

    /** What an outlining pass did. */
    public record Result(byte[] bytes, int functionsSplit, int functionsAdded, List<String> skipped) {
        public boolean changed() {
            return functionsSplit > 0;
        }
    }

    /**
     * Largest function (in bytes of Wasm code) that certainly compiles to one JVM method: Chicory
     * emits about 1.3 bytes of bytecode per byte of Wasm, and a method holds 64 KiB.
     */
    public static final int JVM_METHOD_LIMIT = 40_000;

    /**
     * The size of the largest function body, read from the code section's size fields alone,
     * without parsing; 0 when the bytes are not laid out as expected (the parser then says what is
     * wrong).
     */
    public static int largestBody(byte[] b) {
        try {
            int[] pos = {8};
            while (pos[0] < b.length) {
                int id = b[pos[0]++] & 0xff;
                int size = (int) Bytes.readU32(b, pos);
                int end = pos[0] + size;
                if (id == 10) {
                    int count = (int) Bytes.readU32(b, pos);
                    int max = 0;
                    for (int i = 0; i < count; i++) {
                        int body = (int) Bytes.readU32(b, pos);
                        max = Math.max(max, body);
                        pos[0] += body;
                    }
                    return max;
                }
                pos[0] = end;
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** {@link #outline(byte[], WasmModule, int, int)} with the JVM method limit as the hard limit. */
    public static Result outline(byte[] bytes, WasmModule module, int limit) {
        return outline(bytes, module, limit, Math.max(limit, JVM_METHOD_LIMIT));
    }

    /**
     * Splits every defined function whose code is larger than {@code limit} bytes into pieces of at
     * most about that size. Where that cannot be done (a switch with hundreds of cases keeps its
     * dispatch in one piece), the function is split as far as it goes and then, if still larger than
     * {@code hardLimit}, into pieces of up to {@code hardLimit}. {@code module} is {@code bytes} parsed
     * (validation not needed). A function the outliner cannot handle is left as it was and named in
     * {@link Result#skipped()}.
     */
    public static Result outline(byte[] bytes, WasmModule module, int limit, int hardLimit) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        int defined = module.codeSection().functionBodyCount();
        TypeRegistry types = new TypeRegistry(module.typeSection().typeCount());
        Map<Integer, byte[]> replaced = new HashMap<>();
        List<Outlined> made = new ArrayList<>();
        List<byte[]> newBodies = new ArrayList<>();
        List<Integer> newFunctionTypes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int next = imported + defined;
        StackEffects effects = new StackEffects(module);
        for (int f = 0; f < defined; f++) {
            FunctionBody body = module.codeSection().getFunctionBody(f);
            var ins = body.instructions();
            int size = ins.get(ins.size() - 1).address() - ins.get(0).address() + 1;
            if (size <= limit) {
                continue;
            }
            FunctionType type = module.typeSection().getType(module.functionSection().getFunctionType(f));
            List<ValType> locals = new ArrayList<>(type.params());
            locals.addAll(body.localTypes());
            List<Outlined> pieces = new ArrayList<>();
            try {
                Item.Construct root = BodyReader.read(bytes, body, type, module.typeSection(), effects);
                Planner planner = new Planner(locals, next, pieces);
                boolean fits = planner.shrink(root, limit) || planner.shrink(root, hardLimit);
                if (!fits || pieces.isEmpty()) {
                    skipped.add("function " + (imported + f) + " (" + size + " bytes): no region left to move out");
                    continue;
                }
                byte[] rewritten = BodyEmitter.original(bytes, types, root, body.localTypes(), type.params().size());
                List<byte[]> bodies = new ArrayList<>();
                for (Outlined o : pieces) {
                    bodies.add(BodyEmitter.outlined(bytes, types, o));
                }
                replaced.put(f, rewritten);
                for (int i = 0; i < pieces.size(); i++) {
                    newFunctionTypes.add(types.indexOf(pieces.get(i).type));
                    newBodies.add(bodies.get(i));
                }
                made.addAll(pieces);
                next = planner.nextIndex();
            } catch (BodyReader.Unsupported e) {
                skipped.add("function " + (imported + f) + " (" + size + " bytes): " + e.getMessage());
            }
        }
        if (replaced.isEmpty()) {
            return new Result(bytes, 0, 0, skipped);
        }
        byte[] out = ModuleRewriter.rewrite(bytes, replaced, types.added(), newFunctionTypes, newBodies);
        return new Result(out, replaced.size(), made.size(), skipped);
    }
}
