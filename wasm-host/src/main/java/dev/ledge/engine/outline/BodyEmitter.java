package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the code of one function, the rewritten original or an outlined one: items as they were
 * (branch depths and local indices recomputed for where they now stand), and for each call to an
 * outlined function the code that stores the locals it wrote and follows the exit it took.
 */
final class BodyEmitter {
    private final byte[] module;
    private final TypeRegistry types;
    private final Bytes out = new Bytes();
    private final List<Object> labels = new ArrayList<>();
    private final Map<Integer, Integer> localMap;
    private final int firstExtra;
    private final List<ValType> extraLocals = new ArrayList<>();
    private final Map<ValType, List<Integer>> pools = new HashMap<>();
    private int codeLocal = -1;
    /** In the original function, the function's own label; branches to it are written as {@code return}. */
    private Item.Construct returnLabel;

    private BodyEmitter(byte[] module, TypeRegistry types, Map<Integer, Integer> localMap, int firstExtra) {
        this.module = module;
        this.types = types;
        this.localMap = localMap;
        this.firstExtra = firstExtra;
    }

    /** The original function's body with its outlined regions replaced by calls; returns the encoded body. */
    static byte[] original(byte[] module, TypeRegistry types, Item.Construct root, List<ValType> declaredLocals,
                           int paramCount) {
        int all = paramCount + declaredLocals.size();
        Map<Integer, Integer> identity = new HashMap<>();
        for (int i = 0; i < all; i++) {
            identity.put(i, i);
        }
        BodyEmitter e = new BodyEmitter(module, types, identity, all);
        e.labels.add(root);
        e.returnLabel = root;
        e.items(root.body);
        e.out.u8(0x0b);
        List<ValType> locals = new ArrayList<>(declaredLocals);
        locals.addAll(e.extraLocals);
        return e.assemble(locals);
    }

    /** The body of an outlined function. */
    static byte[] outlined(byte[] module, TypeRegistry types, Outlined o) {
        Map<Integer, Integer> map = new HashMap<>();
        int np = o.params.size();
        for (int i = 0; i < o.captured.length; i++) {
            map.put(o.captured[i], np + i);
        }
        BodyEmitter e = new BodyEmitter(module, types, map, np + o.captured.length);
        e.labels.add(new Object()); // the function's own label: no original branch names it
        int k = o.exits.size();
        int[][] transports = new int[k][];
        for (int x = 0; x < k; x++) {
            List<ValType> t = o.exitTypes.get(x);
            transports[x] = new int[t.size()];
            for (int j = 0; j < t.size(); j++) {
                transports[x][j] = e.newLocal(t.get(j));
            }
        }
        for (int x = k - 1; x >= 0; x--) {
            e.out.u8(0x02);
            types.blockType(e.out, o.exitTypes.get(x));
            e.labels.add(o.exits.get(x));
        }
        if (o.construct != null) {
            for (int i = 0; i < np; i++) {
                e.localGet(i);
            }
            e.item(o.construct);
        } else {
            e.out.u8(0x02);
            types.blockType(e.out, o.results);
            e.labels.add(o.owner.isLoop() ? new Object() : o.owner);
            e.items(o.tail);
            e.out.u8(0x0b);
            e.pop();
        }
        e.finish(o, transports, 0);
        for (int x = 0; x < k; x++) {
            e.out.u8(0x0b);
            e.pop();
            int[] tr = transports[x];
            for (int j = tr.length - 1; j >= 0; j--) {
                e.localSet(tr[j]);
            }
            for (ValType t : o.results) {
                e.zero(t);
            }
            e.finish(o, transports, x + 1);
        }
        e.out.u8(0x0b);
        return e.assemble(e.extraLocals);
    }

    private void finish(Outlined o, int[][] transports, int code) {
        for (int w : o.writtenList) {
            localGet(local(w));
        }
        for (int[] tr : transports) {
            for (int t : tr) {
                localGet(t);
            }
        }
        out.u8(0x41).s64(code);
        out.u8(0x0f);
    }

    private void items(List<Item> items) {
        for (Item i : items) {
            item(i);
        }
    }

    private void item(Item item) {
        if (item instanceof Item.Op) {
            op((Item.Op) item);
        } else if (item instanceof Item.Construct) {
            Item.Construct c = (Item.Construct) item;
            out.u8(c.opcode).raw(c.blockType);
            labels.add(c);
            items(c.body);
            if (c.elseBody != null) {
                out.u8(0x05);
                items(c.elseBody);
            }
            out.u8(0x0b);
            pop();
        } else {
            call(((Item.Call) item).function);
        }
    }

    private void op(Item.Op op) {
        switch (op.kind) {
            case Item.Op.RAW:
                out.raw(module, op.start, op.end);
                break;
            case Item.Op.LOCAL:
                out.u8(op.opcodeByte).u32(local(op.local));
                break;
            case Item.Op.BR:
                branch(op.targets[0]);
                break;
            case Item.Op.BR_IF:
                out.u8(0x0d).u32(depth(op.targets[0]));
                break;
            default:
                out.u8(0x0e).u32(op.targets.length - 1);
                for (Item.Construct t : op.targets) {
                    out.u32(depth(t));
                }
        }
    }

    private void call(Outlined o) {
        for (int c : o.captured) {
            localGet(local(c));
        }
        out.u8(0x10).u32(o.index);
        if (codeLocal < 0) {
            codeLocal = newLocal(ValType.I32);
        }
        localSet(codeLocal);
        int k = o.exits.size();
        Map<ValType, Integer> used = new HashMap<>();
        int[][] slots = new int[k][];
        for (int x = 0; x < k; x++) {
            List<ValType> t = o.exitTypes.get(x);
            slots[x] = new int[t.size()];
            for (int j = 0; j < t.size(); j++) {
                int n = used.merge(t.get(j), 1, Integer::sum) - 1;
                slots[x][j] = pooled(t.get(j), n);
            }
        }
        for (int x = k - 1; x >= 0; x--) {
            for (int j = slots[x].length - 1; j >= 0; j--) {
                localSet(slots[x][j]);
            }
        }
        for (int i = o.writtenList.length - 1; i >= 0; i--) {
            localSet(local(o.writtenList[i]));
        }
        if (k == 0) {
            return;
        }
        out.u8(0x02).u8(0x40);
        labels.add(new Object());
        localGet(codeLocal);
        out.u8(0x45).u8(0x0d).u32(0); // i32.eqz; br_if 0: the region ran to its end
        for (int x = 0; x < k; x++) {
            out.u8(0x02).u8(0x40);
            labels.add(new Object());
        }
        if (k > 1) {
            localGet(codeLocal);
            out.u8(0x41).s64(1).u8(0x6b); // code - 1
            out.u8(0x0e).u32(k - 1);
            for (int x = 0; x < k; x++) {
                out.u32(x);
            }
        }
        for (int x = 0; x < k; x++) {
            out.u8(0x0b);
            pop();
            for (int s : slots[x]) {
                localGet(s);
            }
            branch(o.exits.get(x));
        }
        out.u8(0x0b);
        pop();
    }

    /**
     * An unconditional branch. To the function's own label it is written as {@code return} (the
     * same thing): Chicory's compiler does not handle a {@code br} to the function label, which
     * compilers never emit.
     */
    private void branch(Item.Construct target) {
        if (target == returnLabel) {
            out.u8(0x0f);
        } else {
            out.u8(0x0c).u32(depth(target));
        }
    }

    private int depth(Item.Construct target) {
        for (int k = labels.size() - 1; k >= 0; k--) {
            if (labels.get(k) == target) {
                return labels.size() - 1 - k;
            }
        }
        throw new BodyReader.Unsupported("branch target not in scope");
    }

    private void pop() {
        labels.remove(labels.size() - 1);
    }

    private int local(int original) {
        Integer i = localMap.get(original);
        if (i == null) {
            throw new BodyReader.Unsupported("local " + original + " not captured");
        }
        return i;
    }

    private int newLocal(ValType t) {
        extraLocals.add(t);
        return firstExtra + extraLocals.size() - 1;
    }

    private int pooled(ValType t, int n) {
        List<Integer> pool = pools.computeIfAbsent(t, x -> new ArrayList<>());
        while (pool.size() <= n) {
            pool.add(newLocal(t));
        }
        return pool.get(n);
    }

    private void localGet(int i) {
        out.u8(0x20).u32(i);
    }

    private void localSet(int i) {
        out.u8(0x21).u32(i);
    }

    private void zero(ValType t) {
        if (t.equals(ValType.I32)) {
            out.u8(0x41).u8(0);
        } else if (t.equals(ValType.I64)) {
            out.u8(0x42).u8(0);
        } else if (t.equals(ValType.F32)) {
            out.u8(0x43).raw(new byte[4]);
        } else if (t.equals(ValType.F64)) {
            out.u8(0x44).raw(new byte[8]);
        } else if (t.equals(ValType.FuncRef)) {
            out.u8(0xd0).u8(0x70);
        } else if (t.equals(ValType.ExternRef)) {
            out.u8(0xd0).u8(0x6f);
        } else {
            throw new BodyReader.Unsupported("no zero value for " + t);
        }
    }

    private byte[] assemble(List<ValType> locals) {
        Bytes body = new Bytes();
        List<int[]> groups = new ArrayList<>();
        List<ValType> groupTypes = new ArrayList<>();
        for (ValType t : locals) {
            if (!groupTypes.isEmpty() && groupTypes.get(groupTypes.size() - 1).equals(t)) {
                groups.get(groups.size() - 1)[0]++;
            } else {
                groups.add(new int[] {1});
                groupTypes.add(t);
            }
        }
        body.u32(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            body.u32(groups.get(i)[0]).valType(groupTypes.get(i));
        }
        body.raw(out.toByteArray());
        return body.toByteArray();
    }
}
