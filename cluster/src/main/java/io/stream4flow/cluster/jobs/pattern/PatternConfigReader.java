package io.stream4flow.cluster.jobs.pattern;

import io.stream4flow.cluster.jobs.pattern.PatternConfig.Biflow;
import io.stream4flow.cluster.jobs.pattern.PatternConfig.Distribution;
import io.stream4flow.cluster.jobs.pattern.PatternConfig.Filter;
import io.stream4flow.cluster.jobs.pattern.PatternConfig.Pattern;
import io.stream4flow.cluster.jobs.pattern.PatternConfig.Value;
import io.stream4flow.schema.net.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks the YAML tree of a {@link PatternConfig}; every accessor takes the key path for its message. */
final class PatternConfigReader {

    private final Object root;

    PatternConfigReader(Object root) {
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
            columns.add(PatternConfig.column(text(names.get(i), k), k));
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(key + ".element_names: empty");
        }
        String type = text(required(rule, "type", key), key + ".type");
        if (!PatternConfig.FILTER_TYPES.contains(type)) {
            throw new IllegalArgumentException(key + ".type: unknown type '" + type + "' (known: "
                    + String.join(", ", PatternConfig.FILTER_TYPES.stream().sorted().toList()) + ")");
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
            cols[i] = PatternConfig.column(text(required(el, names[i], "vectors.key.elements"), k), k);
        }
        double diff = key.containsKey("time_difference")
                ? number(key.get("time_difference"), "vectors.key.time_difference") : 500;
        if (diff <= 0) {
            throw new IllegalArgumentException("vectors.key.time_difference: expected milliseconds above zero");
        }
        if (!PatternConfig.TIME_COLUMNS.contains(cols[4])) {
            throw new IllegalArgumentException("vectors.key.elements.flow_start: expected a time element");
        }
        return new Biflow(cols[0], cols[1], cols[2], cols[3], cols[4], Math.round(diff));
    }

    private Value value(Map<String, Object> def, String key) {
        String type = text(required(def, "type", key), key + ".type");
        switch (type) {
            case "element": {
                String k = key + ".element";
                return new Value(type, List.of(PatternConfig.column(text(required(def, "element", key), k), k)), null, 0);
            }
            case "direct":
                return new Value(type, List.of(), null, number(required(def, "value", key), key + ".value"));
            case "operation": {
                String op = text(required(def, "operator", key), key + ".operator");
                if (!PatternConfig.OPERATORS.contains(op)) {
                    throw new IllegalArgumentException(key + ".operator: unknown operator '" + op + "' (known: "
                            + String.join(", ", PatternConfig.OPERATORS.stream().sorted().toList()) + ")");
                }
                List<Object> els = list(required(def, "elements", key), key + ".elements");
                if (els.size() < 2) {
                    throw new IllegalArgumentException(key + ".elements: an operation needs two or more");
                }
                List<String> cols = new ArrayList<>();
                for (int i = 0; i < els.size(); i++) {
                    String k = key + ".elements[" + i + "]";
                    cols.add(PatternConfig.column(text(els.get(i), k), k));
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
