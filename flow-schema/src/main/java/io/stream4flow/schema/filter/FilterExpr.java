package io.stream4flow.schema.filter;

import io.stream4flow.schema.net.Cidr;
import java.util.List;

/**
 * A parsed filter expression ({@link FilterParser}): a tree of these records, compiled by
 * {@link ElasticsearchQuery} to a query and by {@link FlowPredicate} to a test over one flow or document.
 * Which document field each primitive reads is {@link FilterFields}.
 */
public sealed interface FilterExpr {

    /**
     * Which side of a flow a primitive reads: {@code src}, {@code dst}, either (no direction, or
     * {@code src or dst}), or both ({@code src and dst}).
     */
    enum Direction { SRC, DST, EITHER, BOTH }

    /** A comparison of a field's number with the filter's; {@code EQ} when the filter names none. */
    enum Comparison {
        EQ, GT, LT, GE, LE;

        /** Whether {@code field OP value} holds. */
        public boolean test(long field, long value) {
            return switch (this) {
                case EQ -> field == value;
                case GT -> field > value;
                case LT -> field < value;
                case GE -> field >= value;
                case LE -> field <= value;
            };
        }
    }

    /** The counters a filter compares: nfdump's {@code packets bytes flows}, and {@code targets}. */
    enum Counter { PACKETS, BYTES, FLOWS, TARGETS }

    /** The keyword fields of documents: {@code type}, {@code severity}, {@code job}. */
    enum Label { TYPE, SEVERITY, JOB }

    /** All of {@code terms} (two or more). */
    record And(List<FilterExpr> terms) implements FilterExpr {
        public And {
            terms = List.copyOf(terms);
        }
    }

    /** At least one of {@code terms} (two or more). */
    record Or(List<FilterExpr> terms) implements FilterExpr {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    /** {@code not term}. */
    record Not(FilterExpr term) implements FilterExpr { }

    /** {@code any}: every record. */
    record Any() implements FilterExpr { }

    /** {@code ip ADDR}, {@code host ADDR} (a one-address network) and {@code net CIDR}. */
    record Address(Direction direction, Cidr network) implements FilterExpr { }

    /** {@code port [op] N}, N 0-65535. */
    record Port(Direction direction, Comparison comparison, long value) implements FilterExpr { }

    /** {@code proto NAME|N}, the IP protocol number 0-255. */
    record Protocol(int number) implements FilterExpr { }

    /** {@code packets|bytes|flows|targets [op] N}. */
    record Count(Counter counter, Comparison comparison, long value) implements FilterExpr { }

    /**
     * {@code flags LETTERS}: true when any of the TCP flags in {@code mask} is set; with {@code X} in the letters
     * ({@code all}), when all six of {@code UAPRSF} are.
     */
    record Flags(int mask, boolean all) implements FilterExpr { }

    /** {@code inet}/{@code ipv4} (4) or {@code inet6}/{@code ipv6} (6): the family of the record's addresses. */
    record Family(int version) implements FilterExpr { }

    /** {@code type NAME}, {@code severity low|medium|high}, {@code job NAME}: equal to the keyword. */
    record Keyword(Label label, String value) implements FilterExpr { }
}
