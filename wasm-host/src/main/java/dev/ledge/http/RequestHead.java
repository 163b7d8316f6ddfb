package dev.ledge.http;

/** The mutable head of a request a guest holds a handle to: method, URI, version and headers. */
public final class RequestHead {
    public String method = "GET";
    public String uri = "/";
    public HttpVersion version = HttpVersion.HTTP_11;
    public final HeaderMap headers;
    /** Set on requests that came from a client; null on requests the guest built. */
    public DownstreamInfo downstream;

    public RequestHead() {
        this(new HeaderMap());
    }

    public RequestHead(HeaderMap headers) {
        this.headers = headers;
    }
}
