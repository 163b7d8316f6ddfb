package dev.ledge.stores;

import static dev.ledge.stores.StoreConfigCases.bad;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed dictionaries / config_stores entry is a ConfigException naming file, table and key. */
class ConfigStoresConfigErrorsTest {
    static final String CS = "local_server.config_stores";
    static final String C = CS + ".c";

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("the table itself is not a table", "config_stores = \"x\"", "local_server", "config_stores", "must be a table"),
                bad("a dictionary that is not a table", "dictionaries.d = \"x\"", "local_server.dictionaries", "d", "must be a table"),
                bad("a config store that is an array", "config_stores.c = [1]", CS, "c", "must be a table"),
                bad("no format (a plain table is not accepted)", "config_stores.c = { contents = { a = \"b\" } }", C, "format", "is missing"),
                bad("a plain table of strings", "config_stores.c = { a = \"b\" }", C, "format", "is missing"),
                bad("format not a string", "config_stores.c = { format = 1 }", C, "format", "must be a string"),
                bad("empty format", "config_stores.c = { format = \"\" }", C, "format", "is empty"),
                bad("unknown format", "config_stores.c = { format = \"yaml\" }", C, "format", "unknown format \"yaml\""),
                bad("inline-toml without contents", "config_stores.c = { format = \"inline-toml\" }", C, "contents", "is missing"),
                bad("contents not a table", "config_stores.c = { format = \"inline-toml\", contents = \"a\" }", C, "contents", "must be a table"),
                bad("a number value", "config_stores.c = { format = \"inline-toml\", contents = { a = 1 } }", C + ".contents", "a", "must be a string"),
                bad("a table value", "config_stores.c = { format = \"inline-toml\", contents = { a = { b = \"c\" } } }", C + ".contents", "a", "must be a string"),
                bad("an unknown key", "config_stores.c = { format = \"inline-toml\", contents = {}, shrimp = true }", C, "shrimp", "not a recognised key"),
                bad("inline-toml with a file", "config_stores.c = { format = \"inline-toml\", contents = {}, file = \"ok.json\" }", C, "file", "not a recognised key"),
                bad("an inline key too long", "config_stores.c = { format = \"inline-toml\", contents = { " + "k".repeat(257) + " = \"v\" } }", C + ".contents", "k".repeat(257), "at most 256"),
                bad("an inline value too long", "dictionaries.d = { format = \"inline-toml\", contents = { k = \"" + "v".repeat(8001) + "\" } }", "local_server.dictionaries.d.contents", "k", "at most 8000"),
                bad("json without file", "config_stores.c = { format = \"json\" }", C, "file", "is missing"),
                bad("file not a string", "config_stores.c = { format = \"json\", file = 3 }", C, "file", "must be a string"),
                bad("empty file", "config_stores.c = { format = \"json\", file = \"\" }", C, "file", "is empty"),
                bad("json with contents", "config_stores.c = { format = \"json\", file = \"ok.json\", contents = {} }", C, "contents", "not a recognised key"),
                bad("a missing JSON file", "config_stores.c = { format = \"json\", file = \"none.json\" }", C, "file", "none.json: no such file"),
                bad("an unreadable JSON file", "config_stores.c = { format = \"json\", file = \"adir\" }", C, "file", "adir: cannot read"),
                bad("invalid JSON", "config_stores.c = { format = \"json\", file = \"bad.json\" }", C, "file", "bad.json: not valid JSON"),
                bad("JSON with trailing text", "config_stores.c = { format = \"json\", file = \"trailing.json\" }", C, "file", "trailing.json: not valid JSON"),
                bad("JSON that is not UTF-8", "config_stores.c = { format = \"json\", file = \"latin1.json\" }", C, "file", "latin1.json: not valid UTF-8"),
                bad("JSON that is not an object", "config_stores.c = { format = \"json\", file = \"array.json\" }", C, "file", "array.json: must hold a JSON object"),
                bad("a JSON value that is not a string", "config_stores.c = { format = \"json\", file = \"number.json\" }", C, "file", "the value of \"a\" must be a string"),
                bad("a JSON key too long", "config_stores.c = { format = \"json\", file = \"longkey.json\" }", C, "file", "at most 256"),
                bad("a JSON value too long", "config_stores.c = { format = \"json\", file = \"longvalue.json\" }", C, "file", "at most 8000"),
                bad("one name in both tables", "dictionaries.x = { format = \"inline-toml\", contents = {} }\n"
                        + "config_stores.x = { format = \"inline-toml\", contents = {} }", CS, "x", "already defined in [local_server.dictionaries]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejected(String name, String localServer, String table, String key, String problem, @TempDir Path dir)
            throws IOException {
        StoreConfigCases.assertRejected(dir, localServer, table, key, problem, ConfigStores::read);
    }
}
