package dev.ledge.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body stream: order of front and back writes, partial reads, sources and sinks. */
class BodyTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String readAll(Body body) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk = body.read(3); chunk.length > 0; chunk = body.read(3)) {
            out.writeBytes(chunk);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void frontAndBackWritesKeepTheirOrderAcrossPartialReads() throws Exception {
        Body body = new Body();
        body.writeBack(b("world"));
        body.writeFront(b("hello "));
        assertEquals("hel", new String(body.read(3), StandardCharsets.UTF_8));
        body.writeFront(b(">"));
        body.writeBack(b("!"));
        assertEquals(">lo world!", readAll(body));
        assertEquals(0, body.knownLength());
    }

    @Test
    void appendMovesEverythingAndRefusesItself() throws Exception {
        Body a = new Body();
        Body c = new Body();
        a.writeBack(b("ab"));
        c.writeBack(b("cd"));
        a.appendFrom(c);
        assertEquals(4, a.knownLength());
        assertEquals("abcd", readAll(a));
        assertThrows(BodyException.class, () -> a.appendFrom(a));
    }

    @Test
    void anIncomingBodyWaitsForItsSourceAndPausesWhenFull() throws Exception {
        List<String> flow = new ArrayList<>();
        Body body = Body.incoming(6, new Body.FlowControl(4, () -> flow.add("pause"), () -> flow.add("resume")));
        assertEquals(6, body.knownLength());
        body.offer(b("abc"));
        body.offer(b("def"));
        assertEquals(List.of("pause"), flow);
        Thread t = new Thread(body::finish);
        assertArrayEquals(b("abc"), body.read(3));
        assertArrayEquals(b("def"), body.read(10));
        assertEquals(List.of("pause", "resume"), flow);
        t.start();
        assertEquals(0, body.read(10).length);
        t.join();
    }

    @Test
    void aFailedSourceIsAnErrorForTheReader() {
        Body body = Body.incoming(-1, null);
        body.fail("client went away");
        BodyException e = assertThrows(BodyException.class, () -> body.read(10));
        assertEquals("client went away", e.getMessage());
    }

    @Test
    void aSinkGetsBufferedBytesThenLaterWritesAndTheEnd() throws Exception {
        List<String> seen = new ArrayList<>();
        BodySink sink = new BodySink() {
            @Override
            public void write(byte[] bytes) {
                seen.add(new String(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public void end() {
                seen.add("<end>");
            }

            @Override
            public void abort() {
                seen.add("<abort>");
            }
        };
        Body body = new Body();
        body.writeBack(b("one"));
        body.attachSink(sink, false);
        body.writeBack(b("two"));
        assertThrows(BodyException.class, () -> body.writeFront(b("x")));
        assertThrows(BodyException.class, () -> body.read(1));
        body.close();
        body.close();
        assertThrows(BodyException.class, () -> body.writeBack(b("late")));
        assertEquals(List.of("one", "two", "<end>"), seen);
    }
}
