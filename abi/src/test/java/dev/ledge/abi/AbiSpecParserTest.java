package dev.ledge.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests of the spec format itself: what it accepts and how it reports mistakes. */
class AbiSpecParserTest {
    private static final String TYPES = String.join("\n",
            "handle body_handle",
            "alias num_bytes = usize",
            "enum body_write_end: u32 { back = 0, front = 1 }",
            "record opts size 8",
            "| @0 timeout_ms: u64",
            "");

    private static AbiSpec parse(String module) {
        return AbiSpec.parse(TYPES, Map.of("m.abi", module));
    }

    private static String error(String module) {
        return assertThrows(AbiSpecException.class, () -> parse(module)).getMessage();
    }

    @Test
    void readsAMultiLineFunction() {
        AbiSpec spec = parse(String.join("\n",
                "module m",
                "fn write(h: body_handle, buf: bytes,",
                "         end: body_write_end, nwritten_out: out<num_bytes>) -> status",
                "| Writes.",
                "! badf: h is not a body.",
                "! badf: or it was closed.",
                "@deprecated",
                "fn init(v: u64, o: ptr<opts>) -> status"));
        AbiFunction w = spec.function("m", "write");
        assertEquals("(i32 i32 i32 i32 i32) -> i32", w.coreSignature());
        assertEquals("h is not a body.; or it was closed.", w.statuses().get(Status.BADF));
        assertTrue(w.deprecated());
        assertEquals("(i64 i32) -> i32", spec.function("m", "init").coreSignature());
    }

    @Test
    void unknownTypeNamesTheFileAndLine() {
        String msg = error("module m\n\nfn f(h: no_such_handle) -> status\n");
        assertTrue(msg.startsWith("m.abi:3:"), msg);
        assertTrue(msg.contains("unknown type no_such_handle"), msg);
    }

    @Test
    void unknownTypeInsideAPointerIsReported() {
        String msg = error("module m\nfn f(p: out<nope>) -> status\n");
        assertTrue(msg.startsWith("m.abi:2:") && msg.contains("unknown type nope"), msg);
    }

    @Test
    void recordByValueIsRefused() {
        String msg = error("module m\nfn f(o: opts) -> status\n");
        assertTrue(msg.startsWith("m.abi:2:"), msg);
        assertTrue(msg.contains("record opts can only be passed by ptr<> or out<>"), msg);
    }

    @Test
    void missingStatusResultIsRefused() {
        String single = error("module m\nfn f(h: body_handle) -> i32\n");
        assertTrue(single.contains("expected 'fn NAME(PARAMS) -> status'"), single);
        String unterminated = error("module m\n| doc\nfn f(h: body_handle,\n   n: u32)\n| more\n");
        assertTrue(unterminated.startsWith("m.abi:3:") && unterminated.contains("fn without '-> status'"), unterminated);
    }

    @Test
    void otherMistakesAreNamed() {
        assertTrue(error("fn f() -> status\n").contains("must start with 'module NAME'"));
        assertTrue(error("module m\nfn f() -> status\n! nosuch: x\n").contains("unknown status nosuch"));
        assertTrue(error("module m\nfn f() -> status\n! ok: x\n").contains("unknown status ok"));
        assertTrue(error("module m\nfn f() -> status\n@shiny\n").contains("unknown tag @shiny"));
        assertTrue(error("module m\nfn f() -> status\nfn f() -> status\n").contains("described twice"));
        assertTrue(error("module m\nfn f(h) -> status\n").contains("parameter without type"));
        String dup = assertThrows(AbiSpecException.class,
                () -> AbiSpec.parse(TYPES + "handle body_handle\n", Map.of())).getMessage();
        assertTrue(dup.contains("types.abi:6") && dup.contains("defined twice"), dup);
    }
}
