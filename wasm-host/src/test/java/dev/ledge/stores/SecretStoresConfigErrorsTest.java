package dev.ledge.stores;

import static dev.ledge.stores.StoreConfigCases.bad;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed secret_stores entry is a ConfigException naming file, table and key. */
class SecretStoresConfigErrorsTest {
    static final String SS = "local_server.secret_stores";
    static final String S = SS + ".s";
    /** A variable no environment has. */
    static final String UNSET = "LEDGE_TEST_UNSET_" + java.util.UUID.randomUUID().toString().replace('-', '_');

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("the table itself is not a table", "secret_stores = []", "local_server", "secret_stores", "must be a table"),
                bad("a store that is a number", "secret_stores.s = 1", SS, "s", "must be an array"),
                bad("a store that is a string", "secret_stores.s = \"x\"", SS, "s", "must be an array"),
                bad("an invalid store name", "secret_stores.\"bad name\" = []", SS, "bad name", "not a valid secret store name"),
                bad("a store name too long", "secret_stores." + "s".repeat(256) + " = []", SS, "s".repeat(256), "not a valid secret store name"),
                bad("an entry that is not a table", "secret_stores.s = [\"x\"]", S, null, "entry 1 must be a table"),
                bad("an entry without key", "secret_stores.s = [{ data = \"x\" }]", S, "key", "is missing in entry 1"),
                bad("a key that is not a string", "secret_stores.s = [{ key = 1, data = \"x\" }]", S, "key", "must be a string"),
                bad("an invalid secret name", "secret_stores.s = [{ key = \"a b\", data = \"x\" }]", S, "key", "\"a b\" (entry 1) is not a valid secret name"),
                bad("an empty secret name", "secret_stores.s = [{ key = \"\", data = \"x\" }]", S, "key", "is not a valid secret name"),
                bad("no data, file or env", "secret_stores.s = [{ key = \"k\" }]", S, "k", "needs one of data, file or env"),
                bad("both data and file", "secret_stores.s = [{ key = \"k\", data = \"x\", file = \"ok.json\" }]", S, "k", "has data and file"),
                bad("data, file and env", "secret_stores.s = [{ key = \"k\", data = \"x\", file = \"ok.json\", env = \"PATH\" }]", S, "k", "has data and file and env"),
                bad("data not a string", "secret_stores.s = [{ key = \"k\", data = 1 }]", S, "k", "data must be a string"),
                bad("file not a string", "secret_stores.s = [{ key = \"k\", file = [] }]", S, "k", "file must be a string"),
                bad("env not a string", "secret_stores.s = [{ key = \"k\", env = true }]", S, "k", "env must be a string"),
                bad("a missing file", "secret_stores.s = [{ key = \"k\", file = \"none.secret\" }]", S, "k", "none.secret: no such file"),
                bad("an unreadable file", "secret_stores.s = [{ key = \"k\", file = \"adir\" }]", S, "k", "adir: cannot read"),
                bad("an unset environment variable", "secret_stores.s = [{ key = \"k\", env = \"" + UNSET + "\" }]", S, "k", "'" + UNSET + "' is not set"),
                bad("an empty environment variable name", "secret_stores.s = [{ key = \"k\", env = \"\" }]", S, "k", "is not set"),
                bad("the second entry", "secret_stores.s = [{ key = \"a\", data = \"x\" }, { key = \"b\" }]", S, "b", "(entry 2)"),
                bad("a JSON store without format", "secret_stores.s = { file = \"ok.json\" }", S, "format", "is missing"),
                bad("a JSON store without file", "secret_stores.s = { format = \"json\" }", S, "file", "is missing"),
                bad("an empty table", "secret_stores.s = {}", S, "file", "is missing"),
                bad("format not a string", "secret_stores.s = { file = \"ok.json\", format = 1 }", S, "format", "must be a string"),
                bad("an unknown format", "secret_stores.s = { file = \"ok.json\", format = \"toml\" }", S, "format", "unknown format \"toml\""),
                bad("file not a string", "secret_stores.s = { file = 1, format = \"json\" }", S, "file", "must be a string"),
                bad("a missing JSON file", "secret_stores.s = { file = \"none.json\", format = \"json\" }", S, "file", "none.json: no such file"),
                bad("invalid JSON", "secret_stores.s = { file = \"bad.json\", format = \"json\" }", S, "file", "bad.json: not valid JSON"),
                bad("JSON that is not an object", "secret_stores.s = { file = \"array.json\", format = \"json\" }", S, "file", "must hold a JSON object"),
                bad("a JSON value that is not a string", "secret_stores.s = { file = \"number.json\", format = \"json\" }", S, "file", "the value of \"a\" must be a string"),
                bad("an invalid secret name in JSON", "secret_stores.s = { file = \"badname.json\", format = \"json\" }", S, "file", "\"a b\" is not a valid secret name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejected(String name, String localServer, String table, String key, String problem, @TempDir Path dir)
            throws IOException {
        StoreConfigCases.assertRejected(dir, localServer, table, key, problem, SecretStores::read);
    }
}
