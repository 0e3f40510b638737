package io.stream4flow.schema.filter;

import io.stream4flow.schema.filter.FilterExpr.Comparison;
import io.stream4flow.schema.filter.FilterExpr.Counter;
import io.stream4flow.schema.filter.FilterExpr.Direction;
import io.stream4flow.schema.filter.FilterExpr.Label;
import io.stream4flow.schema.filter.FilterLexer.Kind;
import io.stream4flow.schema.filter.FilterLexer.Token;
import io.stream4flow.schema.net.Cidr;
import io.stream4flow.schema.net.IpLiterals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses nfdump's filter language, with Stream4Flow's words for documents, into a {@link FilterExpr}.
 *
 * <pre>
 * expr      := and ( ('or' | '||') and )*
 * and       := unary ( ('and' | '&amp;&amp;') unary )*
 * unary     := ('not' | '!') unary | '(' expr ')' | primitive
 * primitive := 'any' | 'inet' | 'ipv4' | 'inet6' | 'ipv6'
 *            | [side] ('ip' | 'host') ADDRESS
 *            | [side] 'net' (CIDR | IPV4 NETMASK)
 *            | [side] 'port' [cmp] N
 *            | 'proto' ('tcp' | 'udp' | 'icmp' | 'icmp6' | ... | N)
 *            | ('packets' | 'bytes' | 'flows' | 'targets') [cmp] N[k|m|g]
 *            | 'flags' LETTERS                  (of UAPRSF, X = all of them)
 *            | 'type' NAME | 'job' NAME | 'severity' ('low' | 'medium' | 'high')
 * side      := 'src' | 'dst' | 'src and dst' | 'src or dst'      (no side, or 'or': either; 'and': both)
 * cmp       := '=' | '==' | '&gt;' | '&lt;' | '&gt;=' | '&lt;=' | 'eq' | 'gt' | 'lt' | 'ge' | 'le'
 * </pre>
 *
 * <p>{@code not} binds tighter than {@code and}, {@code and} tighter than {@code or}. Keywords are
 * case-insensitive; names ({@code type}, {@code job}) are taken as written. Scales are decimal: k = 10^3,
 * m = 10^6, g = 10^9, either case ({@code 1.5M} = 1500000). Addresses and networks are parsed by
 * {@link Cidr} (literals only, never resolved; host bits of a network must be zero).
 *
 * <p>Bad input throws a {@link FilterException} naming the 1-based column of the offending token; so do
 * more than {@value #MAX_NESTING} open {@code not}s and parentheses, and a query more than {@value #MAX_DEPTH}
 * {@code bool}s deep.
 * Stateless: {@link #parse(String)} is safe from any thread.
 */
public final class FilterParser {

    private static final Pattern NUMBER = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kKmMgG]?)");
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51), Map.entry("icmp6", 58),
            Map.entry("ipv6-icmp", 58), Map.entry("ospf", 89), Map.entry("pim", 103), Map.entry("sctp", 132));
    private static final List<String> SEVERITIES = List.of("low", "medium", "high");
    private static final String FLAG_LETTERS = "FSRPAU";
    /** The words a primitive starts with (the {@code switch} of {@code primitive}), in the grammar's order. */
    static final List<String> PRIMITIVE_WORDS = List.of("any", "inet", "ipv4", "inet6", "ipv6", "src", "dst",
            "ip", "host", "net", "port", "proto", "packets", "bytes", "flows", "targets", "flags", "type", "job",
            "severity");
    /** Most {@code not}s and parentheses open at once: bounds the parser's recursion whatever the input. */
    public static final int MAX_NESTING = 64;
    /**
     * Most {@code bool} levels of a filter's query (each {@code and}, {@code or}, {@code not}, and a primitive
     * over several fields, is one): Elasticsearch refuses queries nested deeper than
     * {@code indices.query.bool.max_nested_depth} (30 by default); this leaves a caller room to put the query
     * inside its own {@code bool} (with a time range, say).
     */
    public static final int MAX_DEPTH = 24;

    /**
     * Every keyword of the language, for completion: the words a primitive starts with, {@code and or not}, the
     * protocol names and the severities.
     */
    public static List<String> keywords() {
        List<String> words = new ArrayList<>(PRIMITIVE_WORDS);
        words.addAll(List.of("and", "or", "not"));
        PROTOCOLS.keySet().stream().sorted().forEach(words::add);
        words.addAll(SEVERITIES);
        return List.copyOf(words);
    }

    private final List<Token> tokens;
    private int next;
    private int nesting;

    private FilterParser(String text) {
        this.tokens = FilterLexer.tokens(Objects.requireNonNull(text, "text"));
    }

    /**
     * The expression {@code text} denotes.
     *
     * @throws NullPointerException when {@code text} is null
     * @throws FilterException when it is empty, has an unknown word, a missing or bad operand, or unbalanced
     *     parentheses
     */
    public static FilterExpr parse(String text) {
        FilterParser p = new FilterParser(text);
        if (p.peek().kind() == Kind.END) {
            throw new FilterException(p.peek().column(), "empty filter (use 'any' for every record)");
        }
        FilterExpr e = p.or().expr();
        Token t = p.peek();
        if (t.kind() == Kind.RPAREN) {
            throw new FilterException(t.column(), "')' without a matching '('");
        }
        if (t.kind() != Kind.END) {
            throw new FilterException(t.column(), "expected 'and', 'or' or the end, found " + t.quoted());
        }
        return e;
    }

    /** A parsed subexpression and the {@code bool} levels of its query. */
    private record Node(FilterExpr expr, int depth) { }

    private Node or() {
        Token first = peek();
        List<Node> terms = new ArrayList<>(List.of(and()));
        while (peek().kind() == Kind.OR || isWord(peek(), "or")) {
            next++;
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : node(new FilterExpr.Or(exprs(terms)), maxDepth(terms) + 1, first);
    }

    private Node and() {
        Token first = peek();
        List<Node> terms = new ArrayList<>(List.of(unary()));
        while (peek().kind() == Kind.AND || isWord(peek(), "and")) {
            next++;
            terms.add(unary());
        }
        return terms.size() == 1 ? terms.get(0) : node(new FilterExpr.And(exprs(terms)), maxDepth(terms) + 1, first);
    }

    private Node unary() {
        Token t = take();
        boolean not = t.kind() == Kind.NOT || isWord(t, "not");
        if (not || t.kind() == Kind.LPAREN) {
            if (++nesting > MAX_NESTING) {
                throw new FilterException(t.column(), "nested deeper than " + MAX_NESTING
                        + " 'not's and parentheses");
            }
            Node inner;
            if (not) {
                Node term = unary();
                inner = node(new FilterExpr.Not(term.expr()), term.depth() + 1, t);
            } else {
                inner = or();
                Token close = take();
                if (close.kind() != Kind.RPAREN) {
                    throw new FilterException(close.column(), "expected ')' to close the '(' at column "
                            + t.column() + ", found " + close.quoted());
                }
            }
            nesting--;
            return inner;
        }
        if (t.kind() != Kind.WORD) {
            throw new FilterException(t.column(), "expected a filter primitive, found " + t.quoted());
        }
        FilterExpr p = primitive(t);
        return new Node(p, ElasticsearchQuery.boolLevels(p));
    }

    private static Node node(FilterExpr e, int depth, Token at) {
        if (depth > MAX_DEPTH) {
            throw new FilterException(at.column(), "nested too deeply: more than " + MAX_DEPTH
                    + " levels of 'and', 'or' and 'not'");
        }
        return new Node(e, depth);
    }

    private static List<FilterExpr> exprs(List<Node> nodes) {
        List<FilterExpr> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(n.expr());
        }
        return out;
    }

    private static int maxDepth(List<Node> nodes) {
        int max = 0;
        for (Node n : nodes) {
            max = Math.max(max, n.depth());
        }
        return max;
    }

    private FilterExpr primitive(Token t) {
        String word = lower(t);
        switch (word) {
            case "any":
                return new FilterExpr.Any();
            case "inet", "ipv4":
                return new FilterExpr.Family(4);
            case "inet6", "ipv6":
                return new FilterExpr.Family(6);
            case "src", "dst":
                Direction d = word.equals("src") ? Direction.SRC : Direction.DST;
                Token join = peek();
                String other = word.equals("src") ? "dst" : "src";
                if ((join.kind() == Kind.AND || join.kind() == Kind.OR || isWord(join, "and") || isWord(join, "or"))
                        && isWord(tokens.get(next + 1), other)) {
                    d = join.kind() == Kind.AND || isWord(join, "and") ? Direction.BOTH : Direction.EITHER;
                    next += 2;
                }
                String after = tokens.get(next - 1).text();
                Token what = take();
                if (what.kind() != Kind.WORD || !List.of("ip", "host", "net", "port").contains(lower(what))) {
                    throw new FilterException(what.column(), "expected 'ip', 'host', 'net' or 'port' after '"
                            + after + "', found " + what.quoted());
                }
                return sided(d, what);
            case "ip", "host", "net", "port":
                return sided(Direction.EITHER, t);
            case "proto":
                return protocol(t);
            case "packets", "bytes", "flows", "targets":
                Comparison c = comparison();
                return new FilterExpr.Count(Counter.valueOf(word.toUpperCase(Locale.ROOT)), c, number(t));
            case "flags":
                return flags(t);
            case "type", "job":
                Token name = take();
                if (name.kind() != Kind.WORD) {
                    throw new FilterException(name.column(), "expected a name after '" + t.text() + "'");
                }
                return new FilterExpr.Keyword(word.equals("type") ? Label.TYPE : Label.JOB, name.text());
            case "severity":
                Token level = take();
                if (level.kind() != Kind.WORD || !SEVERITIES.contains(lower(level))) {
                    throw new FilterException(level.column(), "expected low, medium or high after '" + t.text()
                            + "', found " + level.quoted());
                }
                return new FilterExpr.Keyword(Label.SEVERITY, lower(level));
            default:
                throw new FilterException(t.column(), "unknown word '" + t.text() + "'");
        }
    }

    private FilterExpr sided(Direction d, Token what) {
        String word = lower(what);
        if (word.equals("port")) {
            Comparison c = comparison();
            Token at = peek();
            long port = number(what);
            if (port > 65_535) {
                throw new FilterException(at.column(), "port " + port + " is out of range (0-65535)");
            }
            return new FilterExpr.Port(d, c, port);
        }
        Token a = take();
        String expected = word.equals("net") ? "a network" : "an address";
        if (a.kind() != Kind.WORD) {
            throw new FilterException(a.column(), "expected " + expected + " after '" + what.text() + "'");
        }
        String text = a.text();
        int slash = text.indexOf('/');
        if (IpLiterals.parse(slash < 0 ? text : text.substring(0, slash)) == null) {
            throw new FilterException(a.column(), "expected " + expected + " after '" + what.text() + "'");
        }
        if (!word.equals("net")) {
            if (slash >= 0) {
                throw new FilterException(a.column(), "expected an address after '" + what.text()
                        + "', found the network '" + text + "' (use 'net')");
            }
            return new FilterExpr.Address(d, cidr(a, text));
        }
        if (slash < 0) {
            Token mask = peek();
            int length = mask.kind() == Kind.WORD ? netmaskLength(mask.text()) : -1;
            if (length < 0 || text.indexOf(':') >= 0) {
                throw new FilterException(mask.column(), "expected a /LENGTH or a netmask after '" + text + "'");
            }
            next++;
            return new FilterExpr.Address(d, cidr(a, text + "/" + length));
        }
        return new FilterExpr.Address(d, cidr(a, text));
    }

    private static Cidr cidr(Token at, String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new FilterException(at.column(), e.getMessage());
        }
    }

    /** The prefix length of a dotted IPv4 netmask ({@code 255.255.0.0} is 16), -1 if it is none. */
    private static int netmaskLength(String text) {
        byte[] b = text.indexOf(':') >= 0 ? null : IpLiterals.parse(text);
        if (b == null || b.length != 4) {
            return -1;
        }
        int bits = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int length = Integer.bitCount(bits);
        return bits == (length == 0 ? 0 : -1 << (32 - length)) ? length : -1;
    }

    private FilterExpr protocol(Token t) {
        Token p = take();
        if (p.kind() == Kind.WORD) {
            Integer known = PROTOCOLS.get(lower(p));
            if (known != null) {
                return new FilterExpr.Protocol(known);
            }
            if (p.text().matches("[0-9]{1,3}") && Integer.parseInt(p.text()) <= 255) {
                return new FilterExpr.Protocol(Integer.parseInt(p.text()));
            }
        }
        throw new FilterException(p.column(), "expected a protocol name or number (0-255) after '" + t.text()
                + "', found " + p.quoted());
    }

    private FilterExpr flags(Token t) {
        Token f = take();
        String letters = f.kind() == Kind.WORD ? f.text().toUpperCase(Locale.ROOT) : "";
        if (!letters.matches("[FSRPAUX]+")) {
            throw new FilterException(f.column(), "expected TCP flag letters (of UAPRSF, X for all) after '"
                    + t.text() + "', found " + f.quoted());
        }
        int mask = 0;
        for (char c : letters.toCharArray()) {
            mask |= c == 'X' ? 0x3F : 1 << FLAG_LETTERS.indexOf(c);
        }
        return new FilterExpr.Flags(mask, letters.indexOf('X') >= 0);
    }

    private Comparison comparison() {
        Token t = peek();
        Comparison c = switch (t.kind() == Kind.COMPARE || t.kind() == Kind.WORD ? lower(t) : "") {
            case "=", "==", "eq" -> Comparison.EQ;
            case ">", "gt" -> Comparison.GT;
            case "<", "lt" -> Comparison.LT;
            case ">=", "ge" -> Comparison.GE;
            case "<=", "le" -> Comparison.LE;
            default -> null;
        };
        if (c == null) {
            return Comparison.EQ;   // the lexer makes no other COMPARE token; a word here is the number
        }
        next++;
        return c;
    }

    private long number(Token after) {
        Token t = take();
        Matcher m = t.kind() == Kind.WORD ? NUMBER.matcher(t.text()) : null;
        if (m == null || !m.matches()) {
            throw new FilterException(t.column(), "expected a number after '" + after.text() + "', found "
                    + t.quoted());
        }
        BigDecimal scale = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> BigDecimal.valueOf(1_000L);
            case "m" -> BigDecimal.valueOf(1_000_000L);
            case "g" -> BigDecimal.valueOf(1_000_000_000L);
            default -> BigDecimal.ONE;
        };
        BigDecimal value = new BigDecimal(m.group(1)).multiply(scale);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new FilterException(t.column(), "'" + t.text() + "' is not a whole number below 2^63");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    private static boolean isWord(Token t, String word) {
        return t.kind() == Kind.WORD && t.text().equalsIgnoreCase(word);
    }

    private static String lower(Token t) {
        return t.text().toLowerCase(Locale.ROOT);
    }
}
