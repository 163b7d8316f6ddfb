package dev.ledge.stores;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/** Shared set-up for the fastly.toml error tests: data files next to fastly.toml, and the assertion. */
final class StoreConfigCases {
    private StoreConfigCases() {
    }

    /** One bad configuration: the [local_server] text and the table, key and problem the error must name. */
    static Arguments bad(String name, String localServer, String table, String key, String problem) {
        return Arguments.of(name, localServer, table, key, problem);
    }

    /** Writes the JSON files the cases point to. */
    static void writeDataFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.json"), "{\"a\": \"b\"}");
        Files.writeString(dir.resolve("bad.json"), "{\"a\": ");
        Files.writeString(dir.resolve("trailing.json"), "{\"a\": \"b\"} x");
        Files.writeString(dir.resolve("array.json"), "[\"a\"]");
        Files.writeString(dir.resolve("number.json"), "{\"a\": 1}");
        Files.writeString(dir.resolve("badname.json"), "{\"a b\": \"x\"}");
        Files.write(dir.resolve("latin1.json"), "{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("longkey.json"), "{\"" + "k".repeat(257) + "\": \"v\"}");
        Files.writeString(dir.resolve("longvalue.json"), "{\"k\": \"" + "v".repeat(8001) + "\"}");
        Files.createDirectories(dir.resolve("adir"));
    }

    /**
     * Loads a fastly.toml with {@code localServer} under [local_server], reads it with {@code reader},
     * and asserts the ConfigException names the file, the table and the key, and says {@code problem}.
     */
    static void assertRejected(Path dir, String localServer, String table, String key, String problem,
            Consumer<FastlyToml> reader) throws IOException {
        writeDataFiles(dir);
        Path f = Files.writeString(dir.resolve("fastly.toml"), "[local_server]\n" + localServer + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> reader.accept(FastlyToml.load(f)));
        String head = f + ": [" + table + "]" + (key == null ? ": " : " key '" + key + "'");
        assertTrue(e.getMessage().startsWith(head), "expected to start with <" + head + ">: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected <" + problem + "> in: " + e.getMessage());
    }
}
