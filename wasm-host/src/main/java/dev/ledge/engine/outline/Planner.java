package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses what to outline from one function: repeatedly the largest region that fits the size
 * limit, leaves through few exits and uses few locals, until what is left fits the limit too.
 * Large regions first keeps the number of calls low; the exit bound keeps a switch's dispatch
 * (which branches to every case) in one piece, so that small, hot cases stay inline.
 */
final class Planner {
    static final int MAX_EXITS = 8;
    static final int MAX_CAPTURED = 96;

    private final List<ValType> localTypes;
    private int limit;
    private int minRegion;
    private final List<Outlined> made;
    private int nextIndex;

    // the best candidate of the current search
    private int bestSize;
    private List<Item> bestArm;
    private int bestFrom;
    private Item.Construct bestOwner;
    private List<Item.Construct> bestPath;
    private List<Item.Construct> bestExits;

    Planner(List<ValType> localTypes, int firstIndex, List<Outlined> made) {
        this.localTypes = localTypes;
        this.nextIndex = firstIndex;
        this.made = made;
    }

    int nextIndex() {
        return nextIndex;
    }

    /**
     * Outlines regions of at most {@code limit} bytes from {@code root} until it fits {@code limit}
     * too; false if no region qualifies before it does (what was outlined so far stays outlined).
     */
    boolean shrink(Item.Construct root, int limit) {
        this.limit = limit;
        this.minRegion = Math.min(64, limit / 4);
        for (int rounds = 0; root.size() > limit; rounds++) {
            if (rounds > 100_000) {
                return false;
            }
            bestSize = 0;
            bestArm = null;
            search(root, new ArrayList<>());
            if (bestArm == null) {
                return false;
            }
            apply();
        }
        return true;
    }

    private void search(Item.Construct c, List<Item.Construct> path) {
        path.add(c);
        searchArm(c, c.body, path);
        if (c.elseBody != null) {
            searchArm(c, c.elseBody, path);
        }
        path.remove(path.size() - 1);
    }

    private void searchArm(Item.Construct owner, List<Item> arm, List<Item.Construct> path) {
        int tail = 0;
        for (int i = arm.size() - 1; i >= 0; i--) {
            Item item = arm.get(i);
            tail += item.size();
            if (item instanceof Item.Construct) {
                Item.Construct c = (Item.Construct) item;
                int s = c.size();
                if (s > bestSize && s <= limit && worthIt(s, c.escapes.size(), c.used, c.written)) {
                    record(s, arm, i, null, path, new ArrayList<>(c.escapes));
                }
                if (s > bestSize) {
                    search(c, path); // something inside may still be the best
                }
                if (i + 1 < arm.size() && arm.get(i + 1).heightBefore == 0 && tail - s > bestSize && tail - s <= limit) {
                    considerTail(owner, arm, i + 1, tail - s, path);
                }
            }
        }
    }

    private void considerTail(Item.Construct owner, List<Item> arm, int from, int size, List<Item.Construct> path) {
        Set<Item.Construct> exits = new LinkedHashSet<>();
        java.util.BitSet used = new java.util.BitSet();
        java.util.BitSet written = new java.util.BitSet();
        for (int k = from; k < arm.size(); k++) {
            exits.addAll(arm.get(k).escapes);
            used.or(arm.get(k).used);
            written.or(arm.get(k).written);
        }
        if (!owner.isLoop()) {
            exits.remove(owner); // reaching the owner's end is the tail's own end
        }
        if (worthIt(size, exits.size(), used, written)) {
            record(size, arm, from, owner, path, new ArrayList<>(exits));
        }
    }

    /** Whether a region may move out: few exits and locals, and much larger than the call that replaces it. */
    private boolean worthIt(int size, int exits, java.util.BitSet used, java.util.BitSet written) {
        if (exits > MAX_EXITS || used.cardinality() > MAX_CAPTURED) {
            return false;
        }
        int call = 6 + 2 * used.cardinality() + 2 * written.cardinality() + (exits == 0 ? 0 : 12 + 8 * exits);
        return size >= Math.max(minRegion, 2 * call);
    }

    private void record(int size, List<Item> arm, int from, Item.Construct owner, List<Item.Construct> path,
                        List<Item.Construct> exits) {
        bestSize = size;
        bestArm = arm;
        bestFrom = from;
        bestOwner = owner;
        bestPath = new ArrayList<>(path);
        bestExits = exits;
    }

    private void apply() {
        Outlined o;
        if (bestOwner == null) {
            o = Outlined.ofConstruct(nextIndex++, (Item.Construct) bestArm.get(bestFrom), localTypes);
            Item.Call call = new Item.Call(o);
            call.heightBefore = bestArm.get(bestFrom).heightBefore;
            bestArm.set(bestFrom, call);
        } else {
            List<Item> tail = new ArrayList<>(bestArm.subList(bestFrom, bestArm.size()));
            o = Outlined.ofTail(nextIndex++, tail, bestOwner, bestExits, localTypes);
            bestArm.subList(bestFrom, bestArm.size()).clear();
            Item.Call call = new Item.Call(o);
            call.heightBefore = tail.get(0).heightBefore;
            bestArm.add(call);
        }
        made.add(o);
        for (Item.Construct c : bestPath) {
            c.invalidateSize();
        }
    }
}
