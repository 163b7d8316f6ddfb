package dev.ledge.cli;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import dev.ledge.config.ServiceSpec;
import dev.ledge.config.ServicesFile;
import dev.ledge.engine.ModuleRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The samples inside ledge.jar that {@code ledge serve} runs when given no module: a services file
 * ({@code ledge/samples/services.toml}) with small Rust samples and their fastly.toml defaults,
 * where {@code ${LEDGE_PORT}} stands for the port the server listens on.
 */
final class EmbeddedSamples {
    /** Where the samples live on the class path. */
    static final String DIR = "ledge/samples/";
    static final String SERVICES = DIR + "services.toml";

    private EmbeddedSamples() {
    }

    /** The embedded services, their fastly.toml files reading {@code port} for {@code ${LEDGE_PORT}}. */
    static List<ServiceSpec> specs(int port) {
        return ServicesFile.parse("ledge.jar!/" + SERVICES, text(SERVICES), new ServicesFile.Source() {
            @Override
            public byte[] module(String ref) {
                return bytes(DIR + ref);
            }

            @Override
            public FastlyToml config(String ref) {
                return FastlyToml.parse(Path.of(DIR + ref), text(DIR + ref).replace("${LEDGE_PORT}", Integer.toString(port)));
            }
        });
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String resource) {
        try (InputStream in = EmbeddedSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModuleRejectedException("this ledge.jar carries no " + resource + "; give a module: ledge serve HANDLER.wasm");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + resource + " from ledge.jar: " + e.getMessage(), e);
        }
    }
}
