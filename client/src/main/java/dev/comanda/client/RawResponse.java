package dev.comanda.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** One answer as it came: status, headers and the exact body bytes. */
public record RawResponse(int status, HttpHeaders headers, byte[] body) {

    public boolean ok() {
        return status / 100 == 2;
    }

    /** The body as a JSON tree; an empty object for an empty body. */
    public JsonNode json() {
        return body.length == 0 ? Transport.JSON.createObjectNode() : Transport.JSON.readTree(body);
    }

    /** The body read as {@code type}. */
    public <T> T as(Class<T> type) {
        return Transport.JSON.readValue(body, type);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** The fields a problem+json body names in {@code errors[].field}. */
    public List<String> errorFields() {
        return StreamSupport.stream(json().path("errors").spliterator(), false)
                .map(error -> error.path("field").asString())
                .toList();
    }

    /** This answer as the exception a typed call would have thrown for it. */
    public ProblemException problem() {
        return ProblemException.of(this);
    }

    @Override
    public String toString() {
        var text = text();
        return status + " " + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
    }
}
