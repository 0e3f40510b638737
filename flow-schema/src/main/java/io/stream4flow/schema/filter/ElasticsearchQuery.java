package io.stream4flow.schema.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.stream4flow.schema.filter.FilterExpr.Comparison;
import io.stream4flow.schema.net.Cidr;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Compiles a filter to the Elasticsearch query DSL, as the JSON text of one query object (the value of a
 * search's {@code "query"}), for the indices of the project's index template ({@code s4f-*}: addresses are
 * {@code ip} fields, counters numbers, {@code type severity job} keywords). Uses no scripts.
 *
 * <table>
 * <caption>filter to query</caption>
 * <tr><th>filter</th><th>query</th></tr>
 * <tr><td>{@code a and b}, {@code a or b}, {@code not a}</td><td>{@code bool} {@code filter}, {@code should}
 *     (minimum 1), {@code must_not}</td></tr>
 * <tr><td>{@code any}</td><td>{@code match_all}</td></tr>
 * <tr><td>{@code src ip A}, {@code src net N}</td><td>{@code term src_ip A} / {@code term src_ip N} (the ip
 *     field type takes CIDR notation)</td></tr>
 * <tr><td>{@code ip A}, {@code net N} (no direction)</td><td>{@code should} of that term on {@code src_ip},
 *     {@code dst_ip}, {@code host}; {@code src and dst}: {@code filter} of it on {@code src_ip} and
 *     {@code dst_ip}</td></tr>
 * <tr><td>{@code port N}, {@code packets > N}, ...</td><td>{@code term} for equality, else {@code range}
 *     ({@code gt gte lt lte}); {@code port} without direction: {@code should} of {@code src_port dst_port}</td></tr>
 * <tr><td>{@code proto tcp}</td><td>{@code term protocol 6}</td></tr>
 * <tr><td>{@code flags SA}</td><td>{@code terms tcp_flags} listing every value 0-255 the flags accept</td></tr>
 * <tr><td>{@code inet}</td><td>{@code should} of {@code term F 0.0.0.0/0} over the address fields;
 *     {@code inet6}: a present address field outside it</td></tr>
 * <tr><td>{@code type T}, {@code severity S}, {@code job J}</td><td>{@code term} on the keyword</td></tr>
 * </table>
 *
 * The fields are {@link FilterFields}'; a document without a field never matches its primitive, as with
 * {@link FlowPredicate}. Stateless and thread-safe.
 */
public final class ElasticsearchQuery {
    private ElasticsearchQuery() { }

    private static final JsonFactory JSON = new JsonFactory();
    private static final String ALL_IPV4 = "0.0.0.0/0";

    /** The query of {@code filter} as compact JSON text. */
    public static String toJson(FilterExpr filter) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, filter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Parses {@code text} ({@link FilterParser}) and compiles it; a {@link FilterException} if it does not parse. */
    public static String compile(String text) {
        return toJson(FilterParser.parse(text));
    }

    private static void write(JsonGenerator g, FilterExpr e) throws IOException {
        if (e instanceof FilterExpr.And a) {
            bool(g, "filter", a.terms());
        } else if (e instanceof FilterExpr.Or o) {
            bool(g, "should", o.terms());
        } else if (e instanceof FilterExpr.Not n) {
            bool(g, "must_not", List.of(n.term()));
        } else if (e instanceof FilterExpr.Any) {
            g.writeStartObject();
            g.writeObjectFieldStart("match_all");
            g.writeEndObject();
            g.writeEndObject();
        } else if (e instanceof FilterExpr.Address a) {
            address(g, FilterFields.addresses(a.direction()), FilterFields.all(a.direction()), a.network());
        } else if (e instanceof FilterExpr.Port p) {
            List<String> fields = FilterFields.ports(p.direction());
            if (fields.size() == 1) {
                compare(g, fields.get(0), p.comparison(), p.value());
            } else {
                startSides(g, FilterFields.all(p.direction()));
                for (String f : fields) {
                    compare(g, f, p.comparison(), p.value());
                }
                endSides(g, FilterFields.all(p.direction()));
            }
        } else if (e instanceof FilterExpr.Protocol p) {
            compare(g, FilterFields.PROTOCOL, Comparison.EQ, p.number());
        } else if (e instanceof FilterExpr.Count c) {
            compare(g, FilterFields.field(c.counter()), c.comparison(), c.value());
        } else if (e instanceof FilterExpr.Flags f) {
            g.writeStartObject();
            g.writeObjectFieldStart("terms");
            g.writeArrayFieldStart(FilterFields.TCP_FLAGS);
            for (int v = 0; v < 256; v++) {
                if (FlowPredicate.flagsMatch(f, v)) {
                    g.writeNumber(v);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        } else if (e instanceof FilterExpr.Family f) {
            family(g, f.version());
        } else if (e instanceof FilterExpr.Keyword k) {
            g.writeStartObject();
            g.writeObjectFieldStart("term");
            g.writeStringField(FilterFields.field(k.label()), k.value());
            g.writeEndObject();
            g.writeEndObject();
        } else {
            throw new IllegalStateException("no query for " + e);   // a new FilterExpr record without a case
        }
    }

    /**
     * The {@code bool} levels of the query of one primitive: 1 for one over several fields (the address and port
     * primitives without a single side, {@code inet}), 2 for {@code inet6}, else 0. {@link FilterParser} adds
     * one per {@code and}, {@code or} and {@code not} to bound the whole query's depth.
     */
    static int boolLevels(FilterExpr primitive) {
        if (primitive instanceof FilterExpr.Address a) {
            return FilterFields.addresses(a.direction()).size() > 1 ? 1 : 0;
        } else if (primitive instanceof FilterExpr.Port p) {
            return FilterFields.ports(p.direction()).size() > 1 ? 1 : 0;
        } else if (primitive instanceof FilterExpr.Family f) {
            return f.version() == 4 ? 1 : 2;
        }
        return 0;
    }

    private static void bool(JsonGenerator g, String occur, List<FilterExpr> terms) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("bool");
        g.writeArrayFieldStart(occur);
        for (FilterExpr t : terms) {
            write(g, t);
        }
        g.writeEndArray();
        if (occur.equals("should")) {
            g.writeNumberField("minimum_should_match", 1);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void startShould(JsonGenerator g) throws IOException {
        startSides(g, false);
    }

    private static void endShould(JsonGenerator g) throws IOException {
        endSides(g, false);
    }

    /** Opens a {@code bool} whose clauses must all match ({@code filter}) or any one ({@code should}). */
    private static void startSides(JsonGenerator g, boolean all) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("bool");
        g.writeArrayFieldStart(all ? "filter" : "should");
    }

    private static void endSides(JsonGenerator g, boolean all) throws IOException {
        g.writeEndArray();
        if (!all) {
            g.writeNumberField("minimum_should_match", 1);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void address(JsonGenerator g, List<String> fields, boolean all, Cidr network) throws IOException {
        String value = network.prefixLength() == network.network().length * 8
                ? network.toString().substring(0, network.toString().indexOf('/')) : network.toString();
        if (fields.size() == 1) {
            term(g, fields.get(0), value);
            return;
        }
        startSides(g, all);
        for (String f : fields) {
            term(g, f, value);
        }
        endSides(g, all);
    }

    /** {@code inet}: some address field is IPv4; {@code inet6}: some address field is present and not IPv4. */
    private static void family(JsonGenerator g, int version) throws IOException {
        startShould(g);
        for (String f : FilterFields.ADDRESSES) {
            if (version == 4) {
                term(g, f, ALL_IPV4);
            } else {
                g.writeStartObject();
                g.writeObjectFieldStart("bool");
                g.writeArrayFieldStart("filter");
                g.writeStartObject();
                g.writeObjectFieldStart("exists");
                g.writeStringField("field", f);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeArrayFieldStart("must_not");
                term(g, f, ALL_IPV4);
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        endShould(g);
    }

    private static void term(JsonGenerator g, String field, String value) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("term");
        g.writeStringField(field, value);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void compare(JsonGenerator g, String field, Comparison c, long value) throws IOException {
        g.writeStartObject();
        if (c == Comparison.EQ) {
            g.writeObjectFieldStart("term");
            g.writeNumberField(field, value);
        } else {
            g.writeObjectFieldStart("range");
            g.writeObjectFieldStart(field);
            g.writeNumberField(switch (c) {
                case GT -> "gt";
                case GE -> "gte";
                case LT -> "lt";
                default -> "lte";
            }, value);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
