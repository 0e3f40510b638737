package io.stream4flow.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of the collector's Prometheus text endpoint, summed the way the harness needs it: a
 * family's samples summed over every label ({@link #sum}) or over the samples with one label value
 * ({@link #sum(String, String, String)}). Names are those of {@code CollectorMetrics}.
 */
final class Metrics {
    static final String RECORDS = "s4f_collector_records_total";
    static final String DATAGRAMS = "s4f_collector_datagrams_total";
    static final String RECEIVED = "s4f_collector_received_total";
    static final String RING_FULL = "s4f_collector_ring_full_drops_total";
    static final String RING_OCCUPANCY = "s4f_collector_ring_occupancy";
    static final String KERNEL_DROPS = "s4f_collector_kernel_udp_drops";
    static final String SEQUENCE_LOST = "s4f_collector_sequence_lost_total";
    static final String SEQUENCE_RESETS = "s4f_collector_sequence_resets_total";
    static final String ERRORS = "s4f_collector_errors_total";
    static final String SINK_RECORDS = "s4f_collector_sink_records_total";
    static final String SINK_LAG = "s4f_collector_sink_lag_records";
    static final String SINK_BYTES = "s4f_collector_sink_bytes_total";

    private final Map<String, Double> byName = new HashMap<>();
    private final Map<String, Double> byLabel = new HashMap<>();

    private Metrics() { }

    /** GETs {@code http://HOST:PORT/metrics}. */
    static Metrics scrape(String hostPort) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://" + hostPort + "/metrics").openConnection();
        c.setConnectTimeout(2_000);
        c.setReadTimeout(5_000);
        try (InputStream in = c.getInputStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }

    static Metrics parse(String text) {
        Metrics m = new Metrics();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String name = brace > 0 ? line.substring(0, brace) : line.substring(0, space);
            double v = Double.parseDouble(line.substring(space + 1));
            m.byName.merge(name, v, Double::sum);
            if (brace > 0) {
                String labels = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String kv : labels.split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        String value = kv.substring(eq + 1).replace("\"", "");
                        m.byLabel.merge(name + '|' + kv.substring(0, eq) + '|' + value, v, Double::sum);
                    }
                }
            }
        }
        return m;
    }

    /** The family summed over all its samples; 0 when absent. */
    long sum(String name) {
        return Math.round(byName.getOrDefault(name, 0.0));
    }

    /** The family's samples with {@code label="value"} summed; 0 when absent. */
    long sum(String name, String label, String value) {
        return Math.round(byLabel.getOrDefault(name + '|' + label + '|' + value, 0.0));
    }

    long sinkRecords(String result) {
        return sum(SINK_RECORDS, "result", result);
    }

    /** Records the sink dropped (buffer full or error). */
    long sinkDropped() {
        return sinkRecords("dropped_buffer_full") + sinkRecords("dropped_error");
    }
}
