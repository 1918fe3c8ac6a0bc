package io.covet.observe.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A plain HTTP request from the tests ({@link HttpURLConnection}, which the test module reads without extra
 * module flags).
 *
 * @param status      the response status
 * @param contentType its Content-Type, or empty
 * @param body        its body as UTF-8 text
 */
record Http(int status, String contentType, String body) {

    static Http get(URI uri) throws IOException {
        return send("GET", uri);
    }

    static Http send(String method, URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        if (method.equals("POST")) {
            c.setDoOutput(true);
            c.getOutputStream().write('x');
        }
        try {
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String type = c.getContentType();
            return new Http(status, type == null ? "" : type, body);
        } finally {
            c.disconnect();
        }
    }
}
