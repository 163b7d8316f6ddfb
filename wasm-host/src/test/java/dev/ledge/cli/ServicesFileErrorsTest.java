package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A services file Ledge cannot use stops `serve` before it listens, with a line naming the file, the service and the key. */
class ServicesFileErrorsTest {
    private static String fails(Path dir, String services) throws Exception {
        Files.copy(Serving.sample("rust-hello"), dir.resolve("hello.wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path file = Serving.write(dir, "services.toml", services);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"serve", "--services", file.toString(), "--addr", "127.0.0.1:0", "--no-cache"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().startsWith("ledge: " + file), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
        return err.toString();
    }

    @Test
    void anUnknownKeyIsNamed(@TempDir Path dir) throws Exception {
        String err = fails(dir, "[services.shop]\nmodule = \"hello.wasm\"\ndefault = true\ncpu_budget = 5\n");
        assertTrue(err.contains("[services.shop] key 'cpu_budget': unknown key"), err);
    }

    @Test
    void aMissingModuleIsNamed(@TempDir Path dir) throws Exception {
        String err = fails(dir, "[services.shop]\nmodule = \"nope.wasm\"\ndefault = true\n");
        assertTrue(err.contains("[services.shop] key 'module': ") && err.contains("nope.wasm: no such file"), err);
    }

    @Test
    void aModuleThatIsNotWasmIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("text.wasm"), "hello, not wasm");
        String err = fails(dir, "[services.shop]\nmodule = \"text.wasm\"\ndefault = true\n");
        assertTrue(err.contains("[services.shop] key 'module': text.wasm: not a Wasm module"), err);
    }

    @Test
    void aBadLimitIsNamed(@TempDir Path dir) throws Exception {
        String err = fails(dir, "[services.shop]\nmodule = \"hello.wasm\"\ndefault = true\nmemory_cap_mib = -1\n");
        assertTrue(err.contains("[services.shop] key 'memory_cap_mib': must be a positive whole number"), err);
        err = fails(dir, "[services.shop]\nmodule = \"hello.wasm\"\ndefault = true\nmax_in_flight = \"many\"\n");
        assertTrue(err.contains("[services.shop] key 'max_in_flight': must be a positive whole number"), err);
    }

    @Test
    void twoDefaultsOrOneHostTwiceAreRefused(@TempDir Path dir) throws Exception {
        String err = fails(dir, "[services.a]\nmodule = \"hello.wasm\"\ndefault = true\n[services.b]\nmodule = \"hello.wasm\"\ndefault = true\n");
        assertTrue(err.contains("[services.b] key 'default': service 'a' is the default already"), err);
        err = fails(dir, "[services.a]\nmodule = \"hello.wasm\"\nhosts = [\"x.test\"]\n[services.b]\nmodule = \"hello.wasm\"\nhosts = [\"X.test\"]\n");
        assertTrue(err.contains("[services.b] key 'hosts': host 'X.test' is routed to service 'a' already"), err);
    }

    @Test
    void aHostWithAPortOrAServiceNoHostReachesAreRefused(@TempDir Path dir) throws Exception {
        String err = fails(dir, "[services.a]\nmodule = \"hello.wasm\"\nhosts = [\"x.test:8080\"]\n");
        assertTrue(err.contains("[services.a] key 'hosts': \"x.test:8080\" is not a host name"), err);
        err = fails(dir, "[services.a]\nmodule = \"hello.wasm\"\ndefault = true\n[services.b]\nmodule = \"hello.wasm\"\n");
        assertTrue(err.contains("[services.b] key 'hosts': no host name routes to this service"), err);
    }

    @Test
    void aBadFastlyTomlIsNamedWithItsService(@TempDir Path dir) throws Exception {
        Serving.write(dir, "shop.toml", "[local_server]\nbackends = 3\n");
        String err = fails(dir, "[services.shop]\nmodule = \"hello.wasm\"\ndefault = true\nconfig = \"shop.toml\"\n");
        assertTrue(err.contains("[services.shop] key 'config': ") && err.contains("shop.toml: [local_server] key 'backends' must be a table"), err);
        Serving.write(dir, "shop.toml", "[local_server.backends.origin]\nurl = \"ftp://x\"\n");
        err = fails(dir, "[services.shop]\nmodule = \"hello.wasm\"\ndefault = true\nconfig = \"shop.toml\"\n");
        assertTrue(err.contains("[services.shop]: ") && err.contains("origin"), err);
    }

    @Test
    void aFileWithoutServicesOrNotTomlIsRefused(@TempDir Path dir) throws Exception {
        assertTrue(fails(dir, "title = \"x\"\n").contains("unknown top-level key 'title'"));
        assertTrue(fails(dir, "[services]\n").contains("names no service"));
        assertTrue(fails(dir, "[services.a\n").contains("not valid TOML"));
    }

    @Test
    void servicesExcludeAModuleArgument(@TempDir Path dir) throws Exception {
        Path file = Serving.write(dir, "services.toml", "[services.a]\nmodule = \"hello.wasm\"\ndefault = true\n");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"serve", "x.wasm", "--services", file.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("give no HANDLER.wasm or --config with it"), err.toString());
    }

    @Test
    void aTokenWithoutAnAdminAddressIsRefused(@TempDir Path dir) throws Exception {
        Path wasm = Files.copy(Serving.sample("rust-hello"), dir.resolve("hello.wasm"));
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"serve", wasm.toString(), "--admin-token", "t", "--addr", "127.0.0.1:0"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--admin-token needs a non-empty token and --admin-addr"), err.toString());
    }
}
