package io.stream4flow.collector.live.sink;

import io.stream4flow.schema.RecordFormat;
import java.net.URI;

/**
 * The format part of an output URI: {@code OUTPUT[?format=json|avro]}, where OUTPUT is
 * {@code kafka://HOST:PORT/TOPIC}, {@code file:PATH}, {@code stdout} or {@code null}. Without it
 * the format is JSON. Only {@code ?format=} (the last one) starts it: any other {@code ?} stays part
 * of OUTPUT, as before formats existed (a file name may hold one).
 */
public final class OutputUri {
    private static final String FORMAT = "format=";
    private static final String QUERY = "?" + FORMAT;

    private OutputUri() { }

    /** {@code output} without its query. */
    public static String base(String output) {
        int q = output.lastIndexOf(QUERY);
        return q < 0 ? output : output.substring(0, q);
    }

    /**
     * The format {@code output} asks for, JSON when it has no query.
     *
     * @throws IllegalArgumentException (a message naming the output) for a format but {@code json}
     *     or {@code avro}
     */
    public static RecordFormat format(String output) {
        int q = output.lastIndexOf(QUERY);
        if (q < 0) {
            return RecordFormat.JSON;
        }
        try {
            return RecordFormat.parse(output.substring(q + QUERY.length()));
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
        return original.lastIndexOf(QUERY) < 0 ? base : URI.create(base + QUERY + format(original).uriName());
    }

    /** {@code output} without its query, as a URI. */
    public static URI base(URI output) {
        return URI.create(base(output.toString()));
    }

    /** {@code ?format=...} as in {@code output}, or the empty string. */
    public static String query(URI output) {
        String s = output.toString();
        int q = s.lastIndexOf(QUERY);
        return q < 0 ? "" : s.substring(q);
    }
}
