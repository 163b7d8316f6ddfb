package dev.ledge.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for tests (the JDK's java.net.http implementation): every whole message it
 * receives goes into a queue as a {@code String} (text) or {@code byte[]} (binary), and the close
 * it receives as {@code "close CODE REASON"}.
 */
public final class WebSocketProbe implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final WebSocket ws;

    private WebSocketProbe(URI uri, String... headers) {
        WebSocket.Builder b = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            ws = b.buildAsync(uri, new Collector()).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("WebSocket connect to " + uri + " failed: " + e, e);
        }
    }

    /** Connects to {@code uri} sending {@code headers} (name, value, name, value ...). */
    public static WebSocketProbe connect(URI uri, String... headers) {
        return new WebSocketProbe(uri, headers);
    }

    /** The next whole message or close, waiting up to 30 s (fails when none comes). */
    public Object next() {
        try {
            Object o = received.poll(30, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("no WebSocket message within 30 s");
            }
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public void sendText(String text) {
        ws.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Starts the close handshake with {@code code} and {@code reason}. */
    public void sendClose(int code, String reason) {
        ws.sendClose(code, reason).join();
    }

    @Override
    public void close() {
        ws.abort();
    }

    /** Reassembles messages that arrive in parts. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                received.add(binary.toByteArray());
                binary.reset();
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            received.add("close " + code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            received.add("error " + error);
        }
    }
}
