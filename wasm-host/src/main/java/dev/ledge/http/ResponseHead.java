package dev.ledge.http;

/** The mutable head of a response a guest holds a handle to: status, version and headers. */
public final class ResponseHead {
    public int status = 200;
    public HttpVersion version = HttpVersion.HTTP_11;
    public final HeaderMap headers = new HeaderMap();
    /** framing_headers_mode manually_from_headers: keep the guest's Content-Length / Transfer-Encoding. */
    public boolean manualFraming;
    /** http_keepalive_mode no_keepalive: close the client connection after this response. */
    public boolean closeConnection;
    /** The backend address this response came from; null for responses the guest built. */
    public java.net.InetSocketAddress backendAddress;
}
