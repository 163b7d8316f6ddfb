package dev.ledge.stores;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a JSON file that a fastly.toml entry points to and that must hold one JSON object. */
final class JsonObjectFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonObjectFile() {
    }

    /** The object in {@code path}; any problem is an error about {@code key} in {@code table}. */
    static JsonNode read(FastlyToml toml, String table, String key, Path path) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw toml.error(table, key, path + ": no such file");
        } catch (CharacterCodingException e) {
            throw toml.error(table, key, path + ": not valid UTF-8");
        } catch (IOException e) {
            throw toml.error(table, key, path + ": cannot read: " + e);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw toml.error(table, key, path + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw toml.error(table, key, path + ": must hold a JSON object of string values");
        }
        return node;
    }
}
