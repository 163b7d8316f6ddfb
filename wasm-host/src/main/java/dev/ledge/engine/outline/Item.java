package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One element of a function body as the outliner sees it: a plain instruction kept as its
 * original bytes, a structured construct (block, loop, if) with the items inside it, or a call to
 * a function outlined from here. Each item knows its encoded size, the locals it reads or writes
 * and the labels outside it that it branches to.
 */
abstract class Item {
    /** Locals read or written anywhere inside, and those written. */
    final BitSet used = new BitSet();
    final BitSet written = new BitSet();
    /** Labels outside this item that a branch inside it targets. */
    final Set<Construct> escapes = new LinkedHashSet<>();
    /** Operand stack height of the enclosing arm just before this item, or -1 where it is not known. */
    int heightBefore = -1;

    abstract int size();

    /** An instruction copied as it was, or one whose local index or branch targets are re-encoded. */
    static final class Op extends Item {
        static final int RAW = 0, LOCAL = 1, BR = 2, BR_IF = 3, BR_TABLE = 4;
        final int kind;
        final int start;
        final int end;
        final int opcodeByte;
        final int local;
        final Construct[] targets;

        Op(int kind, int start, int end, int opcodeByte, int local, Construct[] targets) {
            this.kind = kind;
            this.start = start;
            this.end = end;
            this.opcodeByte = opcodeByte;
            this.local = local;
            this.targets = targets;
            if (kind == LOCAL) {
                used.set(local);
                if (opcodeByte != 0x20) {
                    written.set(local);
                }
            }
            if (targets != null) {
                for (Construct t : targets) {
                    escapes.add(t);
                }
            }
        }

        @Override
        int size() {
            return end - start;
        }
    }

    /** A block, loop or if (or the function body itself), which is also a branch target. */
    static final class Construct extends Item {
        static final int BLOCK = 0x02, LOOP = 0x03, IF = 0x04, FUNCTION = -1;
        final int opcode;
        final byte[] blockType;
        final List<ValType> params;
        final List<ValType> results;
        final List<Item> body = new ArrayList<>();
        List<Item> elseBody;
        private int size = -1;

        Construct(int opcode, byte[] blockType, List<ValType> params, List<ValType> results) {
            this.opcode = opcode;
            this.blockType = blockType;
            this.params = params;
            this.results = results;
        }

        boolean isLoop() {
            return opcode == LOOP;
        }

        /** The types a branch to this label carries: a loop's parameters, otherwise its results. */
        List<ValType> labelTypes() {
            return isLoop() ? params : results;
        }

        void invalidateSize() {
            size = -1;
        }

        @Override
        int size() {
            if (size < 0) {
                int s = 2 + (blockType == null ? 0 : blockType.length) + sizeOf(body);
                if (elseBody != null) {
                    s += 1 + sizeOf(elseBody);
                }
                size = s;
            }
            return size;
        }

        /** Recomputes the locals and escaping labels from the items inside. */
        void summarize() {
            used.clear();
            written.clear();
            escapes.clear();
            addAll(body);
            if (elseBody != null) {
                addAll(elseBody);
            }
            escapes.remove(this);
        }

        private void addAll(List<Item> items) {
            for (Item i : items) {
                used.or(i.used);
                written.or(i.written);
                escapes.addAll(i.escapes);
            }
        }
    }

    /** A call to a function outlined from this place, with the code that applies its outcome. */
    static final class Call extends Item {
        final Outlined function;

        Call(Outlined function) {
            this.function = function;
            used.or(function.used);
            written.or(function.written);
            escapes.addAll(function.exits);
        }

        @Override
        int size() {
            int transports = 0;
            for (List<ValType> t : function.exitTypes) {
                transports += t.size();
            }
            int exits = function.exits.size();
            return 4 + 2 * function.captured.length + 2 * function.writtenList.length + 2 * transports
                    + (exits == 0 ? 0 : 12 + 6 * exits);
        }
    }

    static int sizeOf(List<Item> items) {
        int s = 0;
        for (Item i : items) {
            s += i.size();
        }
        return s;
    }
}
