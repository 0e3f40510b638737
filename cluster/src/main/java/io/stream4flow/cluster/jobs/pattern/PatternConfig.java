package io.stream4flow.cluster.jobs.pattern;

import io.stream4flow.schema.avro.FlowColumn;
import io.stream4flow.schema.net.Cidr;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A pattern-finder configuration in the original Stream4Flow's YAML format (sections {@code configuration},
 * {@code filter}, {@code vectors}, {@code output}, {@code distance}), checked whole when read: every error is one
 * line naming the key ({@code filter[1].type: unknown type 'foo' (known: ...)}).
 *
 * <p>Element names are the original's {@code ipfix.<IANA name>} (mapped to the flows view's columns through the
 * columns' sources in {@link FlowColumn}) or view column names. What the original allowed and this reads
 * differently:
 * <ul>
 *   <li>{@code vectors.values} of type {@code module} and {@code default_function} ran Python code; they are
 *       refused. {@code element}, {@code direct} and {@code operation} ({@code add}, {@code sub}, {@code mul},
 *       {@code truediv}) remain.</li>
 *   <li>Patterns are compared with the vector's values that come from the flow ({@code element},
 *       {@code operation}); {@code direct} constants are left out. The original zipped the whole vector with
 *       the pattern, so in its SSH configuration the constant 1 was compared with the pattern's duration and
 *       the duration not at all.</li>
 *   <li>Only {@code biflow} keys: a request flow and its response, the request being the side with the higher
 *       source port.</li>
 *   <li>{@code configuration.slice} (the original's micro-batch length) is read and ignored: micro-batches are
 *       the runner's.</li>
 *   <li>{@code output}: the alert's {@code src_ip} is always the request's source and {@code dst_ip} the
 *       response's source; the section is read and its names are not used.</li>
 * </ul>
 */
public record PatternConfig(String name, Duration window, List<Filter> filters, Biflow key, List<Value> values,
        List<Pattern> patterns, Map<String, Distribution> distributions) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The view columns a configuration may name (a column of the flows view, by its name). */
    static final Set<String> COLUMNS = Set.of("src_ip", "dst_ip", "src_port", "dst_port", "protocol", "tcp_flags",
            "packets", "bytes", "flow_start", "flow_end", "sampling", "in_if", "out_if", "src_as", "dst_as", "vlan",
            "tos", "icmp_type", "icmp_code", "dns_name", "dns_qtype", "dns_rcode", "http_host", "tls_cipher_suites");

    static final Set<String> TIME_COLUMNS = Set.of("flow_start", "flow_end");

    static final Set<String> FILTER_TYPES = Set.of("exists", "int", "ip", "nin", "eq", "ne", "lt", "le", "gt", "ge");

    static final Set<String> OPERATORS = Set.of("add", "sub", "mul", "truediv");

    /** One rule: true when any of its columns passes the test; rules are and-ed. */
    public record Filter(List<String> columns, String type, List<Object> values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The view columns of the biflow key and how far apart (ms) request and response may start. */
    public record Biflow(String srcIp, String dstIp, String srcPort, String dstPort, String flowStart,
            long timeDifferenceMs) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One value of a flow's vector: {@code element} (one column), {@code direct} (a constant), {@code operation}
     * (an operator folded over columns, left to right).
     */
    public record Value(String kind, List<String> columns, String operator, double constant) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Whether the value comes from the flow (and is compared with the patterns). */
        public boolean compared() {
            return !kind.equals("direct");
        }
    }

    /** A pattern: the compared values of a typical request and its response. */
    public record Pattern(String name, double[] request, double[] response) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Distances are put in the interval they fall in ({@code intervals[i] <= d < intervals[i+1]}, the last one
     * open-ended) and add that interval's weight; a window's distribution is anomalous when the weights of the
     * left half reach {@code limit} and exceed those of the right half.
     */
    public record Distribution(double[] intervals, double[] weights, double limit) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The interval of a distance. */
        public int position(double distance) {
            for (int i = 0; i < intervals.length; i++) {
                if (distance < intervals[i]) {
                    return Math.max(0, i - 1);
                }
            }
            return intervals.length - 1;
        }

        /** Index of the first interval of the right half. */
        public int middle() {
            return intervals.length / 2;
        }
    }

    public PatternConfig {
        filters = List.copyOf(filters);
        values = List.copyOf(values);
        patterns = List.copyOf(patterns);
        distributions = Map.copyOf(distributions);
    }

    /** The distribution settings of a pattern: its own, or {@code default}. */
    public Distribution distribution(String pattern) {
        return distributions.getOrDefault(pattern, distributions.get("default"));
    }

    /** The values compared with the patterns, in order. */
    public List<Value> comparedValues() {
        return values.stream().filter(Value::compared).toList();
    }

    /**
     * Reads a configuration.
     *
     * @param source where it came from, for the messages (a path or a resource name)
     * @throws IllegalArgumentException one line starting with {@code source}, naming the key that is wrong
     */
    public static PatternConfig parse(String source, String yaml) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage().replace('\n', ' '));
        }
        try {
            return new Reader(root).config();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /** The view column of an element name: {@code ipfix.<IANA name>} or a view column. */
    static String column(String element, String key) {
        if (COLUMNS.contains(element)) {
            return element;
        }
        if (element.startsWith("ipfix.")) {
            int slot = FlowColumn.slot("iana:" + element.substring("ipfix.".length()));
            if (slot >= 0) {
                String column = FlowColumn.of(slot >> FlowColumn.SOURCE_BITS).avroName();
                if (COLUMNS.contains(column)) {
                    return column;
                }
            }
        }
        throw new IllegalArgumentException(key + ": unknown element '" + element + "' (known: a flows view column"
                + " such as src_ip, or ipfix.<IANA name> of one, such as ipfix.sourceIPv4Address)");
    }

    /** Walks the YAML tree; every accessor takes the key path for its message. */
    private static final class Reader {
        private final Object root;

        Reader(Object root) {
            this.root = root;
        }

        PatternConfig config() {
            Map<String, Object> top = map(root, "(top)");
            Map<String, Object> conf = map(required(top, "configuration", ""), "configuration");
            String name = text(required(conf, "name", "configuration"), "configuration.name");
            double windowSeconds = number(required(conf, "window", "configuration"), "configuration.window");
            if (windowSeconds <= 0) {
                throw new IllegalArgumentException("configuration.window: expected seconds above zero");
            }
            List<Filter> filters = new ArrayList<>();
            List<Object> rules = top.containsKey("filter") ? list(top.get("filter"), "filter") : List.of();
            for (int i = 0; i < rules.size(); i++) {
                filters.add(filter(map(rules.get(i), "filter[" + i + "]"), "filter[" + i + "]"));
            }
            Map<String, Object> vectors = map(required(top, "vectors", ""), "vectors");
            Biflow key = key(map(required(vectors, "key", "vectors"), "vectors.key"));
            List<Value> values = new ArrayList<>();
            List<Object> defs = list(required(vectors, "values", "vectors"), "vectors.values");
            for (int i = 0; i < defs.size(); i++) {
                values.add(value(map(defs.get(i), "vectors.values[" + i + "]"), "vectors.values[" + i + "]"));
            }
            long compared = values.stream().filter(Value::compared).count();
            if (compared == 0) {
                throw new IllegalArgumentException("vectors.values: no value from the flow to compare");
            }
            if (top.containsKey("output")) {
                list(top.get("output"), "output");
            }
            Map<String, Object> distance = map(required(top, "distance", ""), "distance");
            String module = text(required(distance, "distance_module", "distance"), "distance.distance_module");
            if (!module.equals("biflow_quadratic_form")) {
                throw new IllegalArgumentException("distance.distance_module: '" + module
                        + "' is not supported (known: biflow_quadratic_form)");
            }
            List<Pattern> patterns = new ArrayList<>();
            List<Object> ps = list(required(distance, "patterns", "distance"), "distance.patterns");
            for (int i = 0; i < ps.size(); i++) {
                patterns.add(pattern(map(ps.get(i), "distance.patterns[" + i + "]"), "distance.patterns[" + i + "]",
                        (int) compared));
            }
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("distance.patterns: no pattern");
            }
            Map<String, Object> dists = map(required(distance, "distribution", "distance"), "distance.distribution");
            if (!dists.containsKey("default")) {
                throw new IllegalArgumentException("distance.distribution.default: missing");
            }
            Map<String, Distribution> distributions = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : dists.entrySet()) {
                String k = "distance.distribution." + e.getKey();
                distributions.put(e.getKey(), distribution(map(e.getValue(), k), k));
            }
            return new PatternConfig(name, Duration.ofMillis(Math.round(windowSeconds * 1000)), filters, key, values,
                    patterns, distributions);
        }

        private Filter filter(Map<String, Object> rule, String key) {
            List<String> columns = new ArrayList<>();
            List<Object> names = list(required(rule, "element_names", key), key + ".element_names");
            for (int i = 0; i < names.size(); i++) {
                String k = key + ".element_names[" + i + "]";
                columns.add(column(text(names.get(i), k), k));
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException(key + ".element_names: empty");
            }
            String type = text(required(rule, "type", key), key + ".type");
            if (!FILTER_TYPES.contains(type)) {
                throw new IllegalArgumentException(key + ".type: unknown type '" + type + "' (known: "
                        + String.join(", ", FILTER_TYPES.stream().sorted().toList()) + ")");
            }
            if (type.equals("exists")) {
                return new Filter(columns, type, List.of());
            }
            // the original read "values" for int, ip and nin and the first of "value" for the comparisons
            Object raw = rule.containsKey("values") ? rule.get("values") : rule.get("value");
            if (raw == null) {
                throw new IllegalArgumentException(key + ".values: missing (type " + type + " compares with values)");
            }
            List<Object> given = raw instanceof List<?> l ? new ArrayList<>(l) : List.of(raw);
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                String k = key + ".values[" + i + "]";
                if (type.equals("ip")) {
                    String t = text(given.get(i), k);
                    List<Cidr> cidrs = Cidr.parseList(t);
                    if (cidrs.size() != 1) {
                        throw new IllegalArgumentException(k + ": expected a CIDR like 10.0.0.0/8, got '" + t + "'");
                    }
                    values.add(t);
                } else if (given.get(i) instanceof Number n) {
                    values.add(n.doubleValue());
                } else {
                    values.add(text(given.get(i), k));
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException(key + ".values: empty");
            }
            return new Filter(columns, type, List.copyOf(values));
        }

        private Biflow key(Map<String, Object> key) {
            String type = text(required(key, "type", "vectors.key"), "vectors.key.type");
            if (!type.equals("biflow")) {
                throw new IllegalArgumentException("vectors.key.type: '" + type
                        + "' is not supported (known: biflow)");
            }
            Map<String, Object> el = map(required(key, "elements", "vectors.key"), "vectors.key.elements");
            String[] cols = new String[5];
            String[] names = {"src_ip", "dst_ip", "src_port", "dst_port", "flow_start"};
            for (int i = 0; i < names.length; i++) {
                String k = "vectors.key.elements." + names[i];
                cols[i] = column(text(required(el, names[i], "vectors.key.elements"), k), k);
            }
            double diff = key.containsKey("time_difference")
                    ? number(key.get("time_difference"), "vectors.key.time_difference") : 500;
            if (diff <= 0) {
                throw new IllegalArgumentException("vectors.key.time_difference: expected milliseconds above zero");
            }
            if (!TIME_COLUMNS.contains(cols[4])) {
                throw new IllegalArgumentException("vectors.key.elements.flow_start: expected a time element");
            }
            return new Biflow(cols[0], cols[1], cols[2], cols[3], cols[4], Math.round(diff));
        }

        private Value value(Map<String, Object> def, String key) {
            String type = text(required(def, "type", key), key + ".type");
            switch (type) {
                case "element": {
                    String k = key + ".element";
                    return new Value(type, List.of(column(text(required(def, "element", key), k), k)), null, 0);
                }
                case "direct":
                    return new Value(type, List.of(), null, number(required(def, "value", key), key + ".value"));
                case "operation": {
                    String op = text(required(def, "operator", key), key + ".operator");
                    if (!OPERATORS.contains(op)) {
                        throw new IllegalArgumentException(key + ".operator: unknown operator '" + op + "' (known: "
                                + String.join(", ", OPERATORS.stream().sorted().toList()) + ")");
                    }
                    List<Object> els = list(required(def, "elements", key), key + ".elements");
                    if (els.size() < 2) {
                        throw new IllegalArgumentException(key + ".elements: an operation needs two or more");
                    }
                    List<String> cols = new ArrayList<>();
                    for (int i = 0; i < els.size(); i++) {
                        String k = key + ".elements[" + i + "]";
                        cols.add(column(text(els.get(i), k), k));
                    }
                    return new Value(type, cols, op, 0);
                }
                case "module":
                case "default_function":
                    throw new IllegalArgumentException(key + ".type: '" + type + "' ran Python code in the original"
                            + " and is not supported (known: element, direct, operation)");
                default:
                    throw new IllegalArgumentException(key + ".type: unknown type '" + type
                            + "' (known: element, direct, operation)");
            }
        }

        private Pattern pattern(Map<String, Object> p, String key, int compared) {
            String name = text(required(p, "name", key), key + ".name");
            double[] request = numbers(required(p, "request", key), key + ".request");
            double[] response = numbers(required(p, "response", key), key + ".response");
            for (double[] side : new double[][] {request, response}) {
                if (side.length != compared) {
                    throw new IllegalArgumentException(key + ": " + side.length + " values where the vector has "
                            + compared + " compared values (element and operation values; direct ones are not"
                            + " compared)");
                }
                for (double v : side) {
                    if (v == 0) {
                        throw new IllegalArgumentException(key + ": a value of 0 (distances divide by the pattern)");
                    }
                }
            }
            return new Pattern(name, request, response);
        }

        private Distribution distribution(Map<String, Object> d, String key) {
            double[] intervals = numbers(required(d, "intervals", key), key + ".intervals");
            double[] weights = numbers(required(d, "weights", key), key + ".weights");
            double limit = number(required(d, "limit", key), key + ".limit");
            if (intervals.length < 2 || weights.length != intervals.length) {
                throw new IllegalArgumentException(key + ": expected two or more intervals and as many weights");
            }
            for (int i = 1; i < intervals.length; i++) {
                if (intervals[i] <= intervals[i - 1]) {
                    throw new IllegalArgumentException(key + ".intervals: not ascending");
                }
            }
            return new Distribution(intervals, weights, limit);
        }

        private static Object required(Map<String, Object> m, String name, String parent) {
            Object v = m.get(name);
            if (v == null) {
                throw new IllegalArgumentException((parent.isEmpty() ? "" : parent + ".") + name + ": missing");
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(Object o, String key) {
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException(key + ": expected a mapping");
        }

        @SuppressWarnings("unchecked")
        private static List<Object> list(Object o, String key) {
            if (o instanceof List<?> l) {
                return (List<Object>) l;
            }
            throw new IllegalArgumentException(key + ": expected a list");
        }

        private static String text(Object o, String key) {
            if (o instanceof String s && !s.isBlank()) {
                return s;
            }
            throw new IllegalArgumentException(key + ": expected a name");
        }

        private static double number(Object o, String key) {
            if (o instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(key + ": expected a number, got '" + o + "'");
        }

        private static double[] numbers(Object o, String key) {
            List<Object> l = list(o, key);
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(l.get(i), key + "[" + i + "]");
            }
            return out;
        }
    }
}
