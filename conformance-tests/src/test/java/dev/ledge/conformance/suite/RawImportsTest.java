package dev.ledge.conformance.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.abi.AbiSpec;
import dev.ledge.hostcalls.HostcallRegistry;
import dev.ledge.hostcalls.SupportTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Rust guests' raw imports (guests/rust/common/raw.rs) declare exactly the hostcalls Ledge
 * implements, each with its core signature, so a newly implemented call cannot be missed by the
 * suite's bindings (regenerate with gen_raw.py when this fails).
 */
class RawImportsTest {
    private static final Pattern MODULE = Pattern.compile("^pub mod (\\w+) \\{");
    private static final Pattern FN = Pattern.compile("^\\s+pub fn (\\w+)\\((.*)\\) -> u32;");

    @Test
    void rawImportsMatchTheImplementedHostcalls() throws Exception {
        Path raw = Path.of(System.getProperty("ledge.conformance.config", "guests/fastly.toml"))
                .resolveSibling("rust").resolve("common").resolve("raw.rs");
        TreeSet<String> declared = new TreeSet<>();
        String module = null;
        for (String line : Files.readAllLines(raw)) {
            Matcher m = MODULE.matcher(line);
            if (m.find()) {
                module = m.group(1);
                continue;
            }
            Matcher f = FN.matcher(line);
            if (f.find()) {
                String types = f.group(2).isBlank() ? "" : Arrays.stream(f.group(2).split(","))
                        .map(p -> p.substring(p.indexOf(':') + 1).strip().equals("u64") ? "i64" : "i32")
                        .collect(Collectors.joining(" "));
                declared.add(module + "." + f.group(1) + " (" + types + ") -> i32");
            }
        }
        TreeSet<String> implemented = new SupportTable(AbiSpec.bundled(), HostcallRegistry.standard()).functionList()
                .lines().filter(l -> l.endsWith(" implemented"))
                .map(l -> l.substring(0, l.length() - " implemented".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(HostcallRegistry.standard().all().size(), implemented.size());
        assertEquals(implemented, declared, "raw.rs vs `ledge abi --functions` (regenerate raw.rs with gen_raw.py)");
    }
}
