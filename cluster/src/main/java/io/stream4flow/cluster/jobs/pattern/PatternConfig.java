package io.stream4flow.cluster.jobs.pattern;

import io.stream4flow.schema.avro.FlowColumn;
import java.io.Serializable;
import java.time.Duration;
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
            return new PatternConfigReader(root).config();
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
}
