package io.covet.observe.http;

import java.io.UncheckedIOException;

/** The observability endpoint's port is already taken on the interface it was to bind. */
public final class PortInUseException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;
    private final int port;

    PortInUseException(String bind, int port, java.io.IOException cause) {
        super("port " + port + " on " + bind + " is already in use: stop what listens there or choose another "
                + "port", cause);
        this.port = port;
    }

    /** The port that was taken. */
    public int port() {
        return port;
    }
}
