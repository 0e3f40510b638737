package io.stream4flow.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stream4flow.schema.avro.FlowColumn;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow JSON object (the collector's flat {@code "scope:name"} encoding) as a row of the flows view: a map of
 * {@link FlowViewColumns} names, in view order, to values, by the rules of {@link FlowViewColumns#ALL}, the ones
 * the cluster's flows view applies. This is what a {@link io.stream4flow.schema.filter.FlowPredicate} tests and
 * what the CLI prints. A record of the Avro encoding is first turned into its flow JSON
 * ({@link io.stream4flow.schema.avro.FlowAvroJson#json}), so both encodings go through this one conversion.
 *
 * <p>Values: {@code string} columns as {@link String} (addresses as the collector's text), {@code int} columns as
 * {@link Integer}, {@code long} columns as {@link Long}, {@code timestamp} columns as {@link Long} epoch ms. A column
 * without a value is absent from the map, except {@code packets} and {@code bytes} (0) and {@code sampling} (1);
 * the view's {@code fields} column is not made. {@code packets} and {@code bytes} are multiplied by the sampling
 * interval when it is greater than 1, as in the view.
 *
 * <p>A member counts for a column only with a value of the column's kind: a JSON integer for a number column
 * (within int range for {@code int}), a JSON string for a {@code string} column; an array (a repeated element), an
 * object, a fraction or {@code null} never does.
 *
 * <p>Off the hot path (the CLI, the console). Stateless and thread-safe.
 */
public final class FlowViewMap {
    private static final JsonFactory JSON = new JsonFactory();
    private FlowViewMap() { }

    /**
     * The view row of the flow JSON object in {@code b[off, off + len)}.
     *
     * @return the row (a new, mutable map); {@code null} when the bytes are not one JSON object
     */
    public static Map<String, Object> of(byte[] b, int off, int len) {
        Map<String, Object> members = new HashMap<>();
        try (JsonParser p = JSON.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY || v == JsonToken.START_OBJECT) {
                    p.skipChildren();
                    members.remove(key);
                } else if (v == JsonToken.VALUE_STRING) {
                    members.put(key, p.getText());
                } else if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    members.put(key, p.getLongValue());
                } else {
                    members.remove(key);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return of(members);
    }

    /** The view row of a flow given as its top-level members: {@link String} and {@link Number} values count. */
    public static Map<String, Object> of(Map<String, ?> members) {
        Long start = firstNumber(members, FlowColumn.FLOW_START.sources());
        Long end = firstNumber(members, FlowColumn.FLOW_END.sources());
        Long export = firstNumber(members, FlowColumn.EXPORT_TIME.sources());
        Long interval = firstNumber(members, FlowColumn.SAMPLING.sources());
        long sampling = interval == null ? 1L : interval;
        long scale = sampling > 1 ? sampling : 1L;
        Long typeCode = firstNumber(members, FlowColumn.ICMP_TYPE_CODE.sources());
        Long flags = firstNumber(members, FlowColumn.DNS_FLAGS_CODES.sources());

        Map<String, Object> row = new LinkedHashMap<>();
        for (FlowViewColumns.Column c : FlowViewColumns.ALL) {
            Object v = switch (c.name()) {
                case "fields" -> null;
                case "flow_start" -> start != null ? start : end != null ? end : export;
                case "flow_end" -> end != null ? end : start != null ? start : export;
                case "ip_version" -> {
                    Object given = typed(c, first(members, List.of(FlowViewColumns.IP_VERSION_KEY)));
                    if (given != null) {
                        yield given;
                    }
                    List<String> src = FlowColumn.SRC_IP.sources();
                    yield members.get(src.get(0)) instanceof String ? Integer.valueOf(4)
                            : members.get(src.get(1)) instanceof String ? Integer.valueOf(6) : null;
                }
                case "packets" -> orZero(firstNumber(members, FlowColumn.PACKETS.sources())) * scale;
                case "bytes" -> orZero(firstNumber(members, FlowColumn.BYTES.sources())) * scale;
                case "sampling" -> sampling;
                case "icmp_type" -> {
                    Long t = firstNumber(members, FlowColumn.ICMP_TYPE.sources());
                    yield t != null ? toInt(t) : typeCode != null ? toInt(typeCode / 256) : null;
                }
                case "icmp_code" -> {
                    Long t = firstNumber(members, FlowColumn.ICMP_CODE.sources());
                    yield t != null ? toInt(t) : typeCode != null ? toInt(typeCode % 256) : null;
                }
                case "dns_rcode" -> flags != null ? Integer.valueOf((int) (flags & 0xF))
                        : typed(c, first(members, FlowColumn.DNS_RCODE.sources()));
                default -> typed(c, first(members, c.sources(), c.type().equals("string")));
            };
            if (v != null) {
                row.put(c.name(), v);
            }
        }
        return row;
    }

    private static Object first(Map<String, ?> members, List<String> sources) {
        for (String s : sources) {
            Object v = members.get(s);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The first source holding a value of the wanted kind (a string, or else a number). */
    private static Object first(Map<String, ?> members, List<String> sources, boolean string) {
        for (String s : sources) {
            Object v = members.get(s);
            if (string ? v instanceof String : v instanceof Number) {
                return v;
            }
        }
        return null;
    }

    private static Long firstNumber(Map<String, ?> members, List<String> sources) {
        return first(members, sources, false) instanceof Number n ? Long.valueOf(n.longValue()) : null;
    }

    /** {@code v} as the column's type, or null when it is not of that kind. */
    private static Object typed(FlowViewColumns.Column c, Object v) {
        return switch (c.type()) {
            case "string" -> v instanceof String ? v : null;
            case "int" -> v instanceof Number n ? toInt(n.longValue()) : null;
            default -> v instanceof Number n ? Long.valueOf(n.longValue()) : null;
        };
    }

    private static Integer toInt(long v) {
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : Integer.valueOf((int) v);
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }
}
