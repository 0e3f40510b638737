package io.stream4flow.cli.stack;

import io.stream4flow.schema.RecordFormat;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What {@code s4fctl up} was asked for: ports, memory, jobs. Saved as {@code stack.properties} in the
 * stack's home at every {@code up}, so that {@code status} and {@code down} find the same parts.
 *
 * @param listenAddress the collector's listening address (0.0.0.0: probes on other machines reach it)
 * @param ipfixPort UDP and TCP port of IPFIX
 * @param netflowPort UDP port of NetFlow v5/v9 (any version is read on either port)
 * @param metricsPort the collector's Prometheus endpoint on 127.0.0.1
 * @param kafkaPort Kafka on 127.0.0.1
 * @param elasticsearchPort Elasticsearch HTTP on 127.0.0.1
 * @param master Spark master URL of the jobs ({@code local[*]}: in the jobs' own JVM)
 * @param localNets the networks the host statistics are kept for (CIDRs); empty: no host statistics
 * @param demo whether the demo feed runs
 * @param kafkaHeap, elasticsearchHeap, jobsHeap JVM heap sizes (512m, 2g)
 * @param jobArguments more arguments for the Spark job runner ({@code --param portscan.min-targets=50}, ...)
 * @param flowsFormat how the collector writes the flow records to Kafka {@code flows} and the jobs read them
 *     ({@link LocalStack#FLOWS_FORMAT} unless asked otherwise)
 */
public record StackSettings(String listenAddress, int ipfixPort, int netflowPort, int metricsPort, int kafkaPort,
        int elasticsearchPort, String master, List<String> localNets, boolean demo, String kafkaHeap,
        String elasticsearchHeap, String jobsHeap, List<String> jobArguments, RecordFormat flowsFormat) {

    public static final String FILE = "stack.properties";

    public StackSettings {
        localNets = List.copyOf(localNets);
        jobArguments = List.copyOf(jobArguments);
        java.util.Objects.requireNonNull(flowsFormat, "flowsFormat");
    }

    /** The settings with the flow records in {@link LocalStack#FLOWS_FORMAT}. */
    public StackSettings(String listenAddress, int ipfixPort, int netflowPort, int metricsPort, int kafkaPort,
            int elasticsearchPort, String master, List<String> localNets, boolean demo, String kafkaHeap,
            String elasticsearchHeap, String jobsHeap, List<String> jobArguments) {
        this(listenAddress, ipfixPort, netflowPort, metricsPort, kafkaPort, elasticsearchPort, master, localNets, demo,
                kafkaHeap, elasticsearchHeap, jobsHeap, jobArguments, LocalStack.FLOWS_FORMAT);
    }

    public static StackSettings defaults() {
        return new StackSettings("0.0.0.0", 4739, 2055, 9464, 9092, 9200, "local[*]", List.of(), false,
                "512m", "512m", "2g", List.of());
    }

    /** The same settings with the demo on or off ({@code down} stops a demo whatever the last up said). */
    public StackSettings withDemo(boolean on) {
        return new StackSettings(listenAddress, ipfixPort, netflowPort, metricsPort, kafkaPort, elasticsearchPort,
                master, localNets, on, kafkaHeap, elasticsearchHeap, jobsHeap, jobArguments, flowsFormat);
    }

    /** The same settings with the flow records in {@code format} (the stack benchmark measures both). */
    public StackSettings withFlowsFormat(RecordFormat format) {
        return new StackSettings(listenAddress, ipfixPort, netflowPort, metricsPort, kafkaPort, elasticsearchPort,
                master, localNets, demo, kafkaHeap, elasticsearchHeap, jobsHeap, jobArguments, format);
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String elasticsearchUrl() {
        return "http://127.0.0.1:" + elasticsearchPort;
    }

    public String metricsAddress() {
        return "127.0.0.1:" + metricsPort;
    }

    /** Writes {@code home/stack.properties}. */
    public void save(StackHome home) {
        Properties p = new Properties();
        p.setProperty("listen-address", listenAddress);
        p.setProperty("ipfix-port", Integer.toString(ipfixPort));
        p.setProperty("netflow-port", Integer.toString(netflowPort));
        p.setProperty("metrics-port", Integer.toString(metricsPort));
        p.setProperty("kafka-port", Integer.toString(kafkaPort));
        p.setProperty("elasticsearch-port", Integer.toString(elasticsearchPort));
        p.setProperty("master", master);
        p.setProperty("local-net", String.join(",", localNets));
        p.setProperty("demo", Boolean.toString(demo));
        p.setProperty("kafka-heap", kafkaHeap);
        p.setProperty("elasticsearch-heap", elasticsearchHeap);
        p.setProperty("jobs-heap", jobsHeap);
        p.setProperty("job-arguments", String.join("\u001f", jobArguments));
        p.setProperty("flows-format", flowsFormat.uriName());
        try {
            Files.createDirectories(home.root());
            try (Writer w = Files.newBufferedWriter(home.root().resolve(FILE), StandardCharsets.UTF_8)) {
                p.store(w, "written by s4fctl up; read by s4fctl status and s4fctl down");
            }
        } catch (IOException e) {
            throw new StackException("cannot write " + home.root().resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The settings of the last {@code up} in this home, or the defaults if there was none. */
    public static StackSettings load(StackHome home) {
        Path file = home.root().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StackException("cannot read " + file + ": " + e.getMessage(), e);
        }
        StackSettings d = defaults();
        try {
            String nets = p.getProperty("local-net", "");
            return new StackSettings(p.getProperty("listen-address", d.listenAddress),
                    Integer.parseInt(p.getProperty("ipfix-port", "" + d.ipfixPort)),
                    Integer.parseInt(p.getProperty("netflow-port", "" + d.netflowPort)),
                    Integer.parseInt(p.getProperty("metrics-port", "" + d.metricsPort)),
                    Integer.parseInt(p.getProperty("kafka-port", "" + d.kafkaPort)),
                    Integer.parseInt(p.getProperty("elasticsearch-port", "" + d.elasticsearchPort)),
                    p.getProperty("master", d.master),
                    nets.isBlank() ? List.of() : Arrays.asList(nets.split(",")),
                    Boolean.parseBoolean(p.getProperty("demo", "false")),
                    p.getProperty("kafka-heap", d.kafkaHeap), p.getProperty("elasticsearch-heap", d.elasticsearchHeap),
                    p.getProperty("jobs-heap", d.jobsHeap),
                    p.getProperty("job-arguments", "").isEmpty() ? List.of()
                            : Arrays.asList(p.getProperty("job-arguments").split("\u001f")),
                    RecordFormat.parse(p.getProperty("flows-format", d.flowsFormat.uriName())));
        } catch (IllegalArgumentException e) { // a port that is no number (NumberFormatException), a format unknown
            throw new StackException(file + " is damaged (" + e.getMessage() + "); delete it and run s4fctl up again");
        }
    }
}
