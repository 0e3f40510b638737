package io.stream4flow.schema.filter;

import io.stream4flow.schema.filter.FilterExpr.Comparison;
import io.stream4flow.schema.net.IpLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Compiles a filter to a test over one record given as a map of field name to value: a row of the flows view
 * ({@link io.stream4flow.schema.FlowViewColumns} names: {@code src_ip} and {@code dst_ip} as address text,
 * ports, {@code protocol}, {@code tcp_flags}, {@code packets}, {@code bytes} as numbers), or an alert, statistics
 * or host document parsed from JSON. Fields are {@link FilterFields}', with the same meaning as the query of
 * {@link ElasticsearchQuery}:
 *
 * <ul>
 *   <li>an address field holds address text ({@code "10.0.0.1"}, {@code "2001:db8::1"}) and matches a network
 *       that contains it; a primitive without {@code src}/{@code dst} matches if any of its fields does,
 *       one with {@code src and dst} if both do;</li>
 *   <li>a number field holds a {@link Number} or decimal text;</li>
 *   <li>{@code type severity job} equal the field's text exactly;</li>
 *   <li>{@code inet} matches when some address field holds an IPv4 address, {@code inet6} an IPv6 one;</li>
 *   <li>a missing field, or a value of another shape, never matches its primitive (and {@code not} of it does).</li>
 * </ul>
 *
 * The predicate is immutable and thread-safe; it allocates only to parse address text.
 */
public final class FlowPredicate {
    private FlowPredicate() { }

    /** The test of {@code filter}. */
    public static Predicate<Map<String, ?>> of(FilterExpr filter) {
        if (filter instanceof FilterExpr.And a) {
            List<Predicate<Map<String, ?>>> all = compileAll(a.terms());
            return r -> {
                for (Predicate<Map<String, ?>> p : all) {
                    if (!p.test(r)) {
                        return false;
                    }
                }
                return true;
            };
        } else if (filter instanceof FilterExpr.Or o) {
            List<Predicate<Map<String, ?>>> any = compileAll(o.terms());
            return r -> {
                for (Predicate<Map<String, ?>> p : any) {
                    if (p.test(r)) {
                        return true;
                    }
                }
                return false;
            };
        } else if (filter instanceof FilterExpr.Not n) {
            return of(n.term()).negate();
        } else if (filter instanceof FilterExpr.Any) {
            return r -> true;
        } else if (filter instanceof FilterExpr.Address a) {
            List<String> fields = FilterFields.addresses(a.direction());
            boolean all = FilterFields.all(a.direction());
            return r -> {
                for (String f : fields) {
                    byte[] address = address(r.get(f));
                    if ((address != null && a.network().contains(address)) != all) {
                        return !all;
                    }
                }
                return all;
            };
        } else if (filter instanceof FilterExpr.Port p) {
            List<String> fields = FilterFields.ports(p.direction());
            boolean all = FilterFields.all(p.direction());
            return r -> {
                for (String f : fields) {
                    if (compare(r.get(f), p.comparison(), p.value()) != all) {
                        return !all;
                    }
                }
                return all;
            };
        } else if (filter instanceof FilterExpr.Protocol p) {
            return r -> compare(r.get(FilterFields.PROTOCOL), Comparison.EQ, p.number());
        } else if (filter instanceof FilterExpr.Count c) {
            String field = FilterFields.field(c.counter());
            return r -> compare(r.get(field), c.comparison(), c.value());
        } else if (filter instanceof FilterExpr.Flags f) {
            return r -> {
                Long v = number(r.get(FilterFields.TCP_FLAGS));
                return v != null && flagsMatch(f, v);
            };
        } else if (filter instanceof FilterExpr.Family f) {
            int length = f.version() == 4 ? 4 : 16;
            return r -> {
                for (String field : FilterFields.ADDRESSES) {
                    byte[] address = address(r.get(field));
                    if (address != null && address.length == length) {
                        return true;
                    }
                }
                return false;
            };
        } else if (filter instanceof FilterExpr.Keyword k) {
            String field = FilterFields.field(k.label());
            return r -> k.value().equals(r.get(field));
        }
        throw new IllegalStateException("no predicate for " + filter);   // a new FilterExpr record without a case
    }

    /** Parses {@code text} ({@link FilterParser}) and compiles it; a {@link FilterException} if it does not parse. */
    public static Predicate<Map<String, ?>> compile(String text) {
        return of(FilterParser.parse(text));
    }

    /** Whether TCP flags {@code value} satisfy {@code flags}: any of its mask, or with {@code X} all six. */
    static boolean flagsMatch(FilterExpr.Flags flags, long value) {
        return flags.all() ? (value & 0x3F) == 0x3F : (value & flags.mask()) != 0;
    }

    private static List<Predicate<Map<String, ?>>> compileAll(List<FilterExpr> terms) {
        List<Predicate<Map<String, ?>>> out = new ArrayList<>(terms.size());
        for (FilterExpr t : terms) {
            out.add(of(t));
        }
        return List.copyOf(out);
    }

    private static boolean compare(Object value, Comparison c, long wanted) {
        Long v = number(value);
        return v != null && c.test(v, wanted);
    }

    private static Long number(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) ? (long) d : null;
        }
        if (value instanceof String s && s.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static byte[] address(Object value) {
        return value instanceof String s ? IpLiterals.parse(s) : null;
    }
}
