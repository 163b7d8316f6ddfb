package dev.ledge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 client of /tail: sends the request on a plain socket, then reads the
 * Server-Sent Events (chunk-size lines are skipped; every event fits one chunk).
 */
final class SseClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: a guest line, or (dropped > 0) a note of lines this client missed. */
    record Event(JsonNode line, long dropped) {
    }

    private final Socket socket;
    private final BufferedReader in;

    /** Connects and reads up to the stream's opening comment, so the subscription is in place. */
    SseClient(int port, String pathAndQuery) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String status = in.readLine();
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            throw new IOException("tail answered " + status);
        }
        String line;
        boolean eventStream = false;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            eventStream |= line.toLowerCase().startsWith("content-type: text/event-stream");
        }
        if (!eventStream) {
            throw new IOException("tail answered without content-type text/event-stream");
        }
        while ((line = in.readLine()) != null && !line.startsWith(": ledge tail")) {
            // chunk size
        }
    }

    /** The next event (blocks up to the socket timeout). */
    Event next() throws IOException {
        boolean droppedEvent = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("event: dropped")) {
                droppedEvent = true;
            } else if (line.startsWith("data: ")) {
                JsonNode data = JSON.readTree(line.substring(6));
                return droppedEvent ? new Event(null, data.get("dropped").asLong()) : new Event(data, 0);
            }
        }
        throw new IOException("tail stream ended");
    }

    /** The next guest line, after any dropped notes. */
    JsonNode nextLine() throws IOException {
        Event e;
        do {
            e = next();
        } while (e.line() == null);
        return e.line();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
