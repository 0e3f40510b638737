package io.stream4flow.schema.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.schema.FlowViewColumns;
import io.stream4flow.schema.filter.FilterExpr.Address;
import io.stream4flow.schema.filter.FilterExpr.And;
import io.stream4flow.schema.filter.FilterExpr.Comparison;
import io.stream4flow.schema.filter.FilterExpr.Count;
import io.stream4flow.schema.filter.FilterExpr.Counter;
import io.stream4flow.schema.filter.FilterExpr.Direction;
import io.stream4flow.schema.filter.FilterExpr.Not;
import io.stream4flow.schema.filter.FilterExpr.Or;
import io.stream4flow.schema.filter.FilterExpr.Port;
import io.stream4flow.schema.filter.FilterExpr.Protocol;
import io.stream4flow.schema.net.Cidr;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertThat(FilterParser.parse("not proto tcp and port 22 or bytes > 1k")).isEqualTo(new Or(List.of(
                new And(List.of(new Not(new Protocol(6)), new Port(Direction.EITHER, Comparison.EQ, 22))),
                new Count(Counter.BYTES, Comparison.GT, 1000))));
    }

    @Test
    void parenthesesGroupAndScalesAreDecimal() {
        assertThat(FilterParser.parse("src net 10.0.0.0/8 and (packets >= 2G or dst ip ::1)")).isEqualTo(new And(
                List.of(new Address(Direction.SRC, Cidr.parse("10.0.0.0/8")), new Or(List.of(
                        new Count(Counter.PACKETS, Comparison.GE, 2_000_000_000L),
                        new Address(Direction.DST, Cidr.parse("::1")))))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "proto tcp and ip x             | 18 | expected an address after 'ip'",
        "dst port 22 and ip             | 19 | expected an address after 'ip'",
        "src ip 10.0.0.1 and foo 1      | 21 | unknown word 'foo'",
        "(proto tcp                     | 11 | expected ')' to close the '(' at column 1, found the end",
        "proto tcp)                     | 10 | ')' without a matching '('",
        "proto tcp port 22              | 11 | expected 'and', 'or' or the end, found 'port'",
        "port 70000                     | 6  | port 70000 is out of range (0-65535)",
        "net 10.1.0.0/8                 | 5  | '10.1.0.0/8' has host bits set (did you mean 10.0.0.0/8?)",
        "ip 10.0.0.0/8                  | 4  | expected an address after 'ip', found the network '10.0.0.0/8' (use 'net')",
        "net 10.0.0.0 255.0.255.0       | 14 | expected a /LENGTH or a netmask after '10.0.0.0'",
        "net 10.0.0.0                   | 13 | expected a /LENGTH or a netmask after '10.0.0.0'",
        "bytes > lots                   | 9  | expected a number after 'bytes', found 'lots'",
        "bytes > 1.5                    | 9  | '1.5' is not a whole number below 2^63",
        "severity urgent                | 10 | expected low, medium or high after 'severity', found 'urgent'",
        "src 10.0.0.1                   | 5  | expected 'ip', 'host', 'net' or 'port' after 'src', found '10.0.0.1'",
        "src and dst proto tcp          | 13 | expected 'ip', 'host', 'net' or 'port' after 'dst', found 'proto'",
        "src and src ip 10.0.0.1        | 5  | expected 'ip', 'host', 'net' or 'port' after 'src', found 'and'",
        "proto tcp & port 22            | 11 | unexpected '&' (did you mean '&&'?)",
        "proto xyz                      | 7  | expected a protocol name or number (0-255) after 'proto', found 'xyz'",
        "flags SYN                      | 7  | expected TCP flag letters (of UAPRSF, X for all) after 'flags', found 'SYN'",
        "proto tcp and                  | 14 | expected a filter primitive, found the end",
        "not                            | 4  | expected a filter primitive, found the end",
        "and proto tcp                  | 1  | unknown word 'and'",
        "port => 22                     | 7  | expected a number after 'port', found '>'",
        "\"  \"                           | 3  | empty filter (use 'any' for every record)",
    })
    void errorsNameTheirColumn(String expression, int column, String reason) {
        assertThatThrownBy(() -> FilterParser.parse(expression))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("column " + column + ": " + reason);
                    assertThat(e.column()).isEqualTo(column);
                })
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Open parentheses and nots are bounded (the parser's recursion), whatever they hold. */
    @Test
    void nestingIsBounded() {
        int n = FilterParser.MAX_NESTING;
        assertThat(FilterParser.parse("(".repeat(n) + "any" + ")".repeat(n))).isEqualTo(new FilterExpr.Any());
        assertThatThrownBy(() -> FilterParser.parse("(".repeat(n + 1) + "any" + ")".repeat(n + 1)))
                .isInstanceOf(FilterException.class)
                .hasMessage("column " + (n + 1) + ": nested deeper than " + n + " 'not's and parentheses");
    }

    /**
     * The query's {@code bool} levels are bounded: {@code MAX_DEPTH} nots over a one-field primitive parse; one
     * more, or a primitive over several fields under them, is refused at the outermost level's column.
     */
    @Test
    void queryDepthIsBounded() {
        int d = FilterParser.MAX_DEPTH;
        assertThat(FilterParser.parse("not ".repeat(d) + "src ip 10.0.0.1")).isNotNull();
        assertThat(FilterParser.parse("(not ".repeat(d - 1) + "(proto tcp or proto udp)" + ")".repeat(d - 1)))
                .isNotNull();
        String message = ": nested too deeply: more than " + d + " levels of 'and', 'or' and 'not'";
        assertThatThrownBy(() -> FilterParser.parse("not ".repeat(d + 1) + "src ip 10.0.0.1"))
                .hasMessage("column 1" + message);
        assertThatThrownBy(() -> FilterParser.parse("proto tcp and " + "not ".repeat(d) + "ip 10.0.0.1"))
                .hasMessage("column 15" + message);
    }

    @Test
    void everyFlowFieldAFilterReadsIsAColumnOfTheFlowsView() {
        var columns = FlowViewColumns.ALL.stream().map(FlowViewColumns.Column::name).collect(Collectors.toSet());
        assertThat(List.of(FilterFields.SRC_IP, FilterFields.DST_IP, FilterFields.SRC_PORT, FilterFields.DST_PORT,
                FilterFields.PROTOCOL, FilterFields.TCP_FLAGS, FilterFields.field(Counter.PACKETS),
                FilterFields.field(Counter.BYTES))).isSubsetOf(columns);
    }

    @Test
    void everyPrimitiveWordOfTheKeywordsIsOneTheParserKnows() {
        assertThat(FilterParser.keywords()).containsAll(FilterParser.PRIMITIVE_WORDS).contains("and", "tcp", "high");
        for (String word : FilterParser.PRIMITIVE_WORDS) {
            try {
                FilterParser.parse(word);
            } catch (FilterException e) {
                assertThat(e.getMessage()).as(word).doesNotContain("unknown word");
            }
        }
        assertThatThrownBy(() -> FilterParser.parse("nosuchword")).hasMessageContaining("unknown word");
    }
}
