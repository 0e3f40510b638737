package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.encode.RecordFormat;
import java.net.URI;

/**
 * The query part of an output URI: {@code OUTPUT[?format=json|avro]}, where OUTPUT is
 * {@code kafka://HOST:PORT/TOPIC}, {@code file:PATH}, {@code stdout} or {@code null}. Without a
 * query the format is JSON. Nothing else may follow the {@code ?}.
 */
public final class OutputUri {
    private static final String FORMAT = "format=";

    private OutputUri() { }

    /** {@code output} without its query. */
    public static String base(String output) {
        int q = output.indexOf('?');
        return q < 0 ? output : output.substring(0, q);
    }

    /**
     * The format {@code output} asks for, JSON when it has no query.
     *
     * @throws IllegalArgumentException (a message naming the output) for any query but
     *     {@code format=json} or {@code format=avro}
     */
    public static RecordFormat format(String output) {
        int q = output.indexOf('?');
        if (q < 0) {
            return RecordFormat.JSON;
        }
        String query = output.substring(q + 1);
        if (!query.startsWith(FORMAT)) {
            throw new IllegalArgumentException("'" + output + "': '?" + query + "' is not ?format=json or ?format=avro");
        }
        try {
            return RecordFormat.parse(query.substring(FORMAT.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + output + "': " + e.getMessage());
        }
    }

    /** The format of a normalized output URI. */
    public static RecordFormat format(URI output) {
        return format(output.toString());
    }

    /** The normalized {@code base} with the format asked for in {@code original}, if it asked. */
    public static URI withFormatOf(URI base, String original) {
        return original.indexOf('?') < 0 ? base : URI.create(base + "?" + FORMAT + format(original).uriName());
    }

    /** {@code output} without its query, as a URI. */
    public static URI base(URI output) {
        return URI.create(base(output.toString()));
    }

    /** {@code ?format=...} as in {@code output}, or the empty string. */
    public static String query(URI output) {
        String s = output.toString();
        int q = s.indexOf('?');
        return q < 0 ? "" : s.substring(q);
    }
}
