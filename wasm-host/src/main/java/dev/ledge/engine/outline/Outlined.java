package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A region moved out of a function into a function of its own: a whole construct, or the tail of
 * a construct's body (what follows a nested construct up to the end). The new function takes the
 * region's block parameters (and an if's condition) and the locals it uses, and returns the
 * region's results, the locals it wrote, the values of a branch leaving the region, and a code
 * saying how it ended: 0 when it ran to its end, k when it left through its k-th exit.
 */
final class Outlined {
    final int index;
    final Item.Construct construct;
    final List<Item> tail;
    final Item.Construct owner;
    final List<ValType> params = new ArrayList<>();
    final List<ValType> results;
    final BitSet used = new BitSet();
    final BitSet written = new BitSet();
    final int[] captured;
    final int[] writtenList;
    final List<Item.Construct> exits;
    final List<List<ValType>> exitTypes = new ArrayList<>();
    final FunctionType type;

    private Outlined(int index, Item.Construct construct, List<Item> tail, Item.Construct owner,
                     List<ValType> results, List<Item.Construct> exits, List<ValType> localTypes) {
        this.index = index;
        this.construct = construct;
        this.tail = tail;
        this.owner = owner;
        this.results = results;
        this.exits = exits;
        for (Item i : construct != null ? List.<Item>of(construct) : tail) {
            used.or(i.used);
            written.or(i.written);
        }
        captured = used.stream().toArray();
        writtenList = written.stream().toArray();
        if (construct != null) {
            params.addAll(construct.params);
            if (construct.opcode == Item.Construct.IF) {
                params.add(ValType.I32);
            }
        }
        for (Item.Construct e : exits) {
            exitTypes.add(e.labelTypes());
        }
        List<ValType> p = new ArrayList<>(params);
        for (int c : captured) {
            p.add(localTypes.get(c));
        }
        List<ValType> r = new ArrayList<>(results);
        for (int w : writtenList) {
            r.add(localTypes.get(w));
        }
        for (List<ValType> t : exitTypes) {
            r.addAll(t);
        }
        r.add(ValType.I32);
        type = FunctionType.of(p, r);
    }

    static Outlined ofConstruct(int index, Item.Construct c, List<ValType> localTypes) {
        return new Outlined(index, c, null, null, c.results, new ArrayList<>(c.escapes), localTypes);
    }

    /** The items {@code tail} ending {@code owner}'s body (or else-arm); they leave {@code owner}'s arm results. */
    static Outlined ofTail(int index, List<Item> tail, Item.Construct owner, List<Item.Construct> exits,
                           List<ValType> localTypes) {
        return new Outlined(index, null, tail, owner, owner.results, exits, localTypes);
    }

    int transportCount() {
        int n = 0;
        for (List<ValType> t : exitTypes) {
            n += t.size();
        }
        return n;
    }
}
