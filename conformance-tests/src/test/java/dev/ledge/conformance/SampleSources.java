package dev.ledge.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an edge sample's sources live for each language (guest-samples/LANG/SAMPLE/) and what its
 * built module is called (LANG-SAMPLE), so one test class can run the same assertions against the
 * Rust, Go and JS builds of a sample.
 */
final class SampleSources {
    /** The languages every edge sample is written in, as the directories under guest-samples/ name them. */
    static final List<String> LANGUAGES = List.of("rust", "go", "js");

    private SampleSources() {
    }

    /** The sample's own fastly.toml for {@code language}, e.g. guest-samples/go/ab_test/fastly.toml. */
    static Path fastlyToml(String language, String sample) {
        return Path.of(System.getProperty("ledge.samples.dir", "../guest-samples/target/wasm"))
                .resolve("../../" + language + "/" + sample + "/fastly.toml").normalize();
    }

    /** The text of the sample's fastly.toml for {@code language}. */
    static String readFastlyToml(String language, String sample) {
        try {
            return Files.readString(fastlyToml(language, sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built module's name, e.g. {@code js-geo_pricing}. */
    static String module(String language, String sample) {
        return language + "-" + sample;
    }
}
