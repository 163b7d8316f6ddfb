package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Only the exact constructor shape Chicory emits is read as the set of interpreted functions;
 * anything else is "cannot tell" (null), never a guess. Classes made with ASM, as Chicory makes them.
 */
class InterpretedFunctionsTest {
    private static final String INSTANCE = "com/dylibso/chicory/runtime/Instance";
    private static final String INTERPRETER = InterpretedFunctions.INTERPRETER;

    /** A class {@code Main} with one constructor (Instance) whose body after super() is {@code body}. */
    private static byte[] mainClass(Consumer<MethodVisitor> body) {
        return mainClass(body, true);
    }

    /** The same, with or without a field of the interpreter's type. */
    private static byte[] mainClass(Consumer<MethodVisitor> body, boolean interpreterField) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Main", null, "java/lang/Object", null);
        if (interpreterField) {
            cw.visitField(Opcodes.ACC_PRIVATE, "interp", "L" + INTERPRETER + ";", null, null).visitEnd();
        }
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(L" + INSTANCE + ";)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        body.accept(mv);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** this.interp = new Interpreter(instance, {ids}), as Chicory emits it. */
    private static Consumer<MethodVisitor> interpreterOf(int... ids) {
        return mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitTypeInsn(Opcodes.NEW, INTERPRETER);
            mv.visitInsn(Opcodes.DUP);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitIntInsn(Opcodes.SIPUSH, ids.length);
            mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_INT);
            for (int i = 0; i < ids.length; i++) {
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(i);
                mv.visitLdcInsn(ids[i]);
                mv.visitInsn(Opcodes.IASTORE);
            }
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, INTERPRETER, "<init>", "(L" + INSTANCE + ";[I)V", false);
            mv.visitFieldInsn(Opcodes.PUTFIELD, "Main", "interp", "L" + INTERPRETER + ";");
        };
    }

    @Test
    void readsTheConstantArrayOfTheInterpreter() {
        assertEquals(Set.of(7, 70000, 3), InterpretedFunctions.of(mainClass(interpreterOf(7, 70000, 3)), List.of()));
        assertEquals(Set.of(), InterpretedFunctions.of(mainClass(interpreterOf()), List.of()));
    }

    @Test
    void noInterpreterMeansNothingIsInterpreted() {
        assertEquals(Set.of(), InterpretedFunctions.of(mainClass(mv -> { }), List.of(mainClass(mv -> { }, false))));
    }

    @Test
    void anArrayNotMadeOfConstantsCannotBeRead() {
        byte[] fromField = mainClass(mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitTypeInsn(Opcodes.NEW, INTERPRETER);
            mv.visitInsn(Opcodes.DUP);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitFieldInsn(Opcodes.GETSTATIC, "Main", "IDS", "[I");
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, INTERPRETER, "<init>", "(L" + INSTANCE + ";[I)V", false);
            mv.visitFieldInsn(Opcodes.PUTFIELD, "Main", "interp", "L" + INTERPRETER + ";");
        });
        assertNull(InterpretedFunctions.of(fromField, List.of()));
    }

    @Test
    void aSecondInterpreterOrOneElsewhereCannotBeRead() {
        assertNull(InterpretedFunctions.of(mainClass(interpreterOf(1).andThen(interpreterOf(2))), List.of()));
        byte[] other = mainClass(interpreterOf(5));
        assertNull(InterpretedFunctions.of(mainClass(interpreterOf(1)), List.of(other)), "another class makes an interpreter");
    }

    @Test
    void bytesThatAreNoClassCannotBeRead() {
        assertNull(InterpretedFunctions.of(new byte[] {1, 2, 3}, List.of()));
    }
}
