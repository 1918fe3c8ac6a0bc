package io.covet.cli.observe;

import io.covet.core.error.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A running observability endpoint ({@code covet serve} or an application's {@code ObserveServer}) as the commands
 * that read it see it: an http(s) base address checked up front, and pages fetched with one line on the error
 * stream when the endpoint cannot be reached or answers with an error.
 */
public final class Endpoint {
    private final URI base;

    private Endpoint(URI base) {
        this.base = base;
    }

    /**
     * Checks a {@code --url} value.
     *
     * @throws ConfigurationException when it is not an absolute http:// or https:// address
     */
    public static Endpoint of(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("malformed --url '" + url + "': " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigurationException("--url must be an http:// or https:// address such as "
                    + "http://127.0.0.1:9187, was '" + url + "'");
        }
        return new Endpoint(uri);
    }

    /**
     * The body of {@code path} (relative to the base, query included) when the endpoint answers 200; empty after
     * printing why to {@code err} when it cannot be reached or answers anything else.
     */
    public Optional<String> get(String path, PrintWriter err) throws IOException {
        URI page = base.resolve(path);
        HttpURLConnection c = (HttpURLConnection) page.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                err.println("covet: " + page + " answered HTTP " + status + "; is this a Covet observability "
                        + "endpoint (of this version or later)?");
                return Optional.empty();
            }
            try (InputStream in = c.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (ConnectException e) {
            err.println("covet: cannot reach " + base + " (" + e.getMessage() + "); is `covet serve` (or the "
                    + "application's ObserveServer) running there?");
            return Optional.empty();
        } finally {
            c.disconnect();
        }
    }
}
