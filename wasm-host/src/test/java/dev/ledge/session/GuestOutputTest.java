package dev.ledge.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guest stdout/stderr become lines tagged with the request id, and a flood is cut off. */
class GuestOutputTest {
    @Test
    void linesAreSplitAndTagged() {
        List<String> lines = new ArrayList<>();
        GuestOutput out = new GuestOutput("id1", "stdout", (id, src, line) -> lines.add(id + "/" + src + "/" + line), 1000);
        out.write("a\nb".getBytes(StandardCharsets.UTF_8), 0, 3);
        out.write("c\r\n".getBytes(StandardCharsets.UTF_8), 0, 3);
        out.write("tail".getBytes(StandardCharsets.UTF_8), 0, 4);
        out.flush();
        assertEquals(List.of("id1/stdout/a", "id1/stdout/bc", "id1/stdout/tail"), lines);
    }

    @Test
    void outputPastTheLimitIsDroppedWithOneNotice() {
        List<String> lines = new ArrayList<>();
        GuestOutput out = new GuestOutput("id", "stderr", (id, src, line) -> lines.add(line), 10);
        for (int i = 0; i < 100; i++) {
            out.write("0123456\n".getBytes(StandardCharsets.UTF_8), 0, 8);
        }
        assertEquals(List.of("0123456", "01", "[ledge: output past 10 bytes dropped]"), lines);
    }

    @Test
    void longLinesAreCutAtTheLineLimitWithinOneWrite() {
        List<String> lines = new ArrayList<>();
        GuestOutput out = new GuestOutput("id", "stdout", (id, src, line) -> lines.add(line), 1 << 20);
        byte[] text = ("x".repeat(20000) + "\nend\nrest").getBytes(StandardCharsets.UTF_8);
        out.write(text, 0, text.length);
        out.write('!');
        out.flush();
        assertEquals(List.of("x".repeat(GuestOutput.MAX_LINE), "x".repeat(GuestOutput.MAX_LINE),
                "x".repeat(20000 - 2 * GuestOutput.MAX_LINE), "end", "rest!"), lines);
    }
}
