package dev.ledge.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads, from the main class Chicory compiled for a module, which functions it hands to the
 * interpreter: Chicory's compiled machine builds its interpreter in its constructor from a
 * constant array of function indexes. Anything but that exact shape (or an interpreter made
 * anywhere else) gives null, "cannot tell", so a guess is never used.
 */
final class InterpretedFunctions {
    static final String INTERPRETER = "com/dylibso/chicory/runtime/internal/CompilerInterpreterMachine";
    private static final byte[] INTERPRETER_UTF8 = INTERPRETER.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private InterpretedFunctions() {
    }

    /**
     * The interpreted function indexes (empty when there is no interpreter), or null; the other
     * classes may not mention the interpreter at all.
     */
    static Set<Integer> of(byte[] mainClass, Iterable<byte[]> otherClasses) {
        for (byte[] c : otherClasses) {
            if (contains(c, INTERPRETER_UTF8)) {
                return null;
            }
        }
        Scan scan = new Scan();
        try {
            new ClassReader(mainClass).accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            return null;
        }
        return scan.result();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Collects the constructor's instructions and counts references to the interpreter elsewhere. */
    private static final class Scan extends ClassVisitor {
        /** The constructor's instructions as {opcode, operand} pairs; operand is the int constant or -1. */
        final List<long[]> ctor = new ArrayList<>();
        int interpretersOutsideCtor;
        int constructors;
        boolean unreadable;

        Scan() {
            super(Opcodes.ASM9);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            boolean isCtor = name.equals("<init>");
            if (isCtor) {
                constructors++;
            }
            return new MethodVisitor(Opcodes.ASM9) {
                private void add(int opcode, long operand) {
                    if (isCtor) {
                        ctor.add(new long[] {opcode, operand});
                    }
                }


                @Override
                public void visitInsn(int opcode) {
                    add(opcode, opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5 ? opcode - Opcodes.ICONST_0 : -1);
                }

                @Override
                public void visitIntInsn(int opcode, int operand) {
                    add(opcode, opcode == Opcodes.NEWARRAY ? -operand - 2 : operand);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Integer i) {
                        add(Opcodes.LDC, i);
                    } else {
                        add(Opcodes.LDC, Long.MIN_VALUE);
                    }
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    add(opcode, varIndex);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (!isCtor && type.equals(INTERPRETER)) {
                        interpretersOutsideCtor++;
                    }
                    add(opcode, type.equals(INTERPRETER) ? 1 : 0);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                    add(opcode, -1);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                    boolean interpreterCtor = owner.equals(INTERPRETER) && name.equals("<init>")
                            && desc.equals("(Lcom/dylibso/chicory/runtime/Instance;[I)V");
                    add(opcode, interpreterCtor ? 1 : owner.equals(INTERPRETER) ? 2 : 0);
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
                    add(Opcodes.INVOKEDYNAMIC, -1);
                }

                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    add(opcode, -1);
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                    add(Opcodes.TABLESWITCH, -1);
                }

                @Override
                public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                    add(Opcodes.LOOKUPSWITCH, -1);
                }

                @Override
                public void visitMultiANewArrayInsn(String desc, int dims) {
                    add(Opcodes.MULTIANEWARRAY, -1);
                }

                @Override
                public void visitIincInsn(int varIndex, int increment) {
                    add(Opcodes.IINC, -1);
                }
            };
        }

        Set<Integer> result() {
            if (constructors != 1 || interpretersOutsideCtor != 0) {
                return null;
            }
            int news = 0;
            int at = -1;
            for (int i = 0; i < ctor.size(); i++) {
                long[] insn = ctor.get(i);
                if (insn[0] == Opcodes.NEW && insn[1] == 1) {
                    news++;
                    at = i;
                }
            }
            if (news == 0) {
                return noInterpreterMention() ? Set.of() : null;
            }
            return news == 1 ? array(at) : null;
        }

        private boolean noInterpreterMention() {
            for (long[] insn : ctor) {
                if ((insn[0] == Opcodes.INVOKESPECIAL || insn[0] == Opcodes.INVOKEVIRTUAL) && insn[1] != 0) {
                    return false;
                }
            }
            return true;
        }

        /** NEW, DUP, ALOAD 1, n, NEWARRAY int, n x (DUP, i, value, IASTORE), INVOKESPECIAL &lt;init&gt;(Instance, int[]). */
        private Set<Integer> array(int at) {
            int i = at + 1;
            if (!is(i++, Opcodes.DUP) || !is(i, Opcodes.ALOAD) || ctor.get(i++)[1] != 1) {
                return null;
            }
            Long n = constant(i++);
            if (n == null || n < 0 || !is(i, Opcodes.NEWARRAY) || ctor.get(i++)[1] != -Opcodes.T_INT - 2) {
                return null;
            }
            Set<Integer> ids = new HashSet<>();
            for (long k = 0; k < n; k++) {
                if (!is(i++, Opcodes.DUP)) {
                    return null;
                }
                Long index = constant(i++);
                Long value = constant(i++);
                if (index == null || index != k || value == null || value < 0 || !is(i++, Opcodes.IASTORE)) {
                    return null;
                }
                ids.add(value.intValue());
            }
            return is(i, Opcodes.INVOKESPECIAL) && ctor.get(i)[1] == 1 ? ids : null;
        }

        private boolean is(int i, int opcode) {
            return i < ctor.size() && ctor.get(i)[0] == opcode;
        }

        /** The int constant instruction {@code i} pushes, or null. */
        private Long constant(int i) {
            if (i >= ctor.size()) {
                return null;
            }
            long[] insn = ctor.get(i);
            int op = (int) insn[0];
            boolean isConst = (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH
                    || (op == Opcodes.LDC && insn[1] != Long.MIN_VALUE);
            return isConst ? insn[1] : null;
        }
    }
}
