package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.List;
import java.util.Map;

/**
 * Writes a module again with some function bodies replaced and new types and functions appended
 * after the existing ones, so that no existing index changes. All other sections are copied byte
 * for byte.
 */
final class ModuleRewriter {
    private ModuleRewriter() {
    }

    static byte[] rewrite(byte[] in, Map<Integer, byte[]> replacedBodies, List<FunctionType> newTypes,
                          List<Integer> newFunctionTypes, List<byte[]> newBodies) {
        Bytes out = new Bytes().raw(in, 0, 8);
        int[] pos = {8};
        boolean sawTypes = false;
        while (pos[0] < in.length) {
            int id = in[pos[0]++] & 0xff;
            int size = (int) Bytes.readU32(in, pos);
            int start = pos[0];
            int end = start + size;
            pos[0] = end;
            byte[] payload;
            switch (id) {
                case 1:
                    sawTypes = true;
                    payload = appendToVector(in, start, end, newTypes.size(), b -> {
                        for (FunctionType t : newTypes) {
                            b.u8(0x60).valTypes(t.params()).valTypes(t.returns());
                        }
                    });
                    break;
                case 3:
                    payload = appendToVector(in, start, end, newFunctionTypes.size(), b -> {
                        for (int t : newFunctionTypes) {
                            b.u32(t);
                        }
                    });
                    break;
                case 10:
                    payload = code(in, start, replacedBodies, newBodies);
                    break;
                default:
                    out.u8(id).u32(size).raw(in, start, end);
                    continue;
            }
            out.u8(id).u32(payload.length).raw(payload);
        }
        if (!sawTypes && !newTypes.isEmpty()) {
            throw new BodyReader.Unsupported("module without a type section");
        }
        return out.toByteArray();
    }

    private static byte[] appendToVector(byte[] in, int start, int end, int extra, java.util.function.Consumer<Bytes> tail) {
        int[] p = {start};
        long count = Bytes.readU32(in, p);
        Bytes b = new Bytes().u32(count + extra).raw(in, p[0], end);
        tail.accept(b);
        return b.toByteArray();
    }

    private static byte[] code(byte[] in, int start, Map<Integer, byte[]> replaced, List<byte[]> added) {
        int[] p = {start};
        int count = (int) Bytes.readU32(in, p);
        Bytes b = new Bytes().u32(count + added.size());
        for (int i = 0; i < count; i++) {
            int bodyStart = p[0];
            int size = (int) Bytes.readU32(in, p);
            int bodyEnd = p[0] + size;
            byte[] r = replaced.get(i);
            if (r != null) {
                b.u32(r.length).raw(r);
            } else {
                b.raw(in, bodyStart, bodyEnd);
            }
            p[0] = bodyEnd;
        }
        for (byte[] body : added) {
            b.u32(body.length).raw(body);
        }
        return b.toByteArray();
    }
}
