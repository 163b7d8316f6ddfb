package dev.ledge.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every fastly_* import of a real @fastly/js-compute 3.46 binary must be in the spec, with the same core signature. */
class JsComputeImportsTest {
    private static final Pattern LINE = Pattern.compile("(\\w+)\\.(\\w+) \\(([^)]*)\\) -> \\(([^)]*)\\)");

    @Test
    void jsComputeImportsMatchTheSpec() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/js-compute-3.46-imports.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        AbiSpec spec = AbiSpec.bundled();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || !line.startsWith("fastly")) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            assertTrue(m.matches(), "cannot read " + line);
            String expected = "(" + m.group(3).replace(",", " ").trim().replaceAll("\\s+", " ") + ") -> " + m.group(4).trim();
            AbiFunction f = spec.function(m.group(1), m.group(2));
            checked++;
            if (f == null) {
                problems.add("missing " + m.group(1) + "." + m.group(2));
            } else if (!f.coreSignature().equals(expected)) {
                problems.add(f.qualifiedName() + ": binary " + expected + ", spec " + f.coreSignature());
            }
        }
        assertEquals(159, checked);
        assertEquals(List.of(), problems);
    }
}
