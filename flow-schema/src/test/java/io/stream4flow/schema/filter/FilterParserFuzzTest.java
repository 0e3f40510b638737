package io.stream4flow.schema.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the text, parsing ends with a tree that both compilers accept, whose query nests at most
 * {@link FilterParser#MAX_DEPTH} {@code bool}s, or with a {@link FilterException} whose column lies inside the
 * text (or one past it); no other exception escapes.
 *
 * <p>{@link #seededTokenSoup()} checks this on 20000 expressions of filter words in random order in every
 * {@code mvn test}; the fuzz tests run on the empty input only there, and really fuzz with
 * {@code JAZZER_FUZZ=1 mvn -pl flow-schema test -Dtest='FilterParserFuzzTest#anyText'}.
 */
class FilterParserFuzzTest {

    private static final String[] WORDS = {
        "src", "dst", "ip", "host", "net", "port", "proto", "tcp", "udp", "icmp", "packets", "bytes", "flows",
        "targets", "flags", "SA", "X", "inet", "inet6", "any", "type", "severity", "high", "job", "and", "or",
        "not", "&&", "||", "!", "(", ")", "(", ")", ">", "<", ">=", "<=", "=", "==", "eq", "gt", "10.0.0.1",
        "10.0.0.0/8", "10.1.0.0/8", "255.255.0.0", "2001:db8::/32", "::1", "22", "70000", "1M", "1.5k", "2.5",
        "99999999999999999999", "foo", "&", "|", "/", ":"};

    private static final Map<String, Object> FLOW = Map.of("src_ip", "10.0.0.1", "dst_ip", "2001:db8::1",
            "src_port", 22, "dst_port", 1024L, "protocol", 6, "tcp_flags", 18, "packets", "5", "bytes", 1e6,
            "type", "portscan_horizontal");

    /** The depth counter itself, on queries whose depth is known. */
    @Test
    void boolDepthCountsNestedBools() {
        assertThat(boolDepth(ElasticsearchQuery.compile("src ip 10.0.0.1"))).isZero();
        assertThat(boolDepth(ElasticsearchQuery.compile("ip 10.0.0.1"))).isEqualTo(1);
        assertThat(boolDepth(ElasticsearchQuery.compile("not (proto tcp or inet6) and any"))).isEqualTo(5);
        assertThat(boolDepth(ElasticsearchQuery.compile("not ".repeat(FilterParser.MAX_DEPTH) + "any")))
                .isEqualTo(FilterParser.MAX_DEPTH);
    }

    @Test
    void seededTokenSoup() {
        Random random = new Random(20261202L);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int w = 0; w < n; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            if (check(text.toString())) {
                parsed++;
            }
        }
        assertThat(parsed).as("expressions that parsed (so the compilers ran)").isGreaterThan(100);
    }

    @FuzzTest(maxDuration = "60s")
    void anyText(String text) {
        if (text != null) {   // the fuzzer's null; parse(null) is a NullPointerException by contract
            check(text);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void filterWords(FuzzedDataProvider data) {
        StringBuilder text = new StringBuilder();
        while (data.remainingBytes() > 0) {
            text.append(data.pickValue(WORDS)).append(data.consumeBoolean() ? " " : "");
        }
        check(text.toString());
    }

    /** How deep {@code bool} queries nest in {@code json} (which must be one well-formed object). */
    static int boolDepth(String json) {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            Deque<Boolean> objects = new ArrayDeque<>();
            int bools = 0;
            int max = 0;
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                } else if (t == JsonToken.START_OBJECT) {
                    boolean bool = "bool".equals(field);
                    objects.push(bool);
                    bools += bool ? 1 : 0;
                    max = Math.max(max, bools);
                    field = null;
                } else if (t == JsonToken.END_OBJECT) {
                    bools -= objects.pop() ? 1 : 0;
                }
            }
            assertThat(objects).isEmpty();
            return max;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code text} parsed. */
    private static boolean check(String text) {
        FilterExpr filter;
        try {
            filter = FilterParser.parse(text);
        } catch (FilterException e) {
            assertThat(e.column()).as(text).isBetween(1, text.length() + 1);
            return false;
        }
        assertThat(boolDepth(ElasticsearchQuery.toJson(filter))).as(text).isLessThanOrEqualTo(FilterParser.MAX_DEPTH);
        FlowPredicate.of(filter).test(FLOW);
        return true;
    }
}
