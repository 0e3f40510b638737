package io.stream4flow.cli.kafka;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ConfigKey;
import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.cli.stack.HomeOption;
import io.stream4flow.schema.JsonBuffer;
import io.stream4flow.schema.avro.FlowAvroJson;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl kafka tail TOPIC [--bootstrap HOST:PORT] [--from-beginning] [--max N]
 * [--timeout SECONDS]}: prints the value of each message of TOPIC as one line on stdout; the
 * reading is {@link TopicTail}'s.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl kafka tail alerts --from-beginning --max 10 | jq -r .description", sortOptions = false,
        description = {
            "Print the value of each message of a topic, one per line (JSON lines for flows), from every "
                    + "partition, without a consumer group (nothing is committed).",
            "A message that does not start with '{' and is a block of Avro flow records (output ?format=avro) "
                    + "is printed as the flow JSON of each record, one line each; any other message as it is.",
            "Runs until --max messages, until --timeout seconds pass with nothing new, until stdout is "
                    + "closed, or until Ctrl-C; each of these exits 0.",
            "stderr: one line once reading starts."})
public final class KafkaTailCommand implements Callable<Integer> {
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. flows or alerts.")
    private String topic;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "The broker (several: comma-separated); "
            + "default: kafka.bootstrap of the configuration (`s4fctl config show`), else the local stack's.")
    private String bootstrap;

    @Mixin
    private HomeOption homeOption;

    @Option(names = "--from-beginning",
            description = "Start at the oldest message kept; default: only messages written from now on.")
    private boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0",
            description = "Stop after N messages; 0: no limit. Default: ${DEFAULT-VALUE}.")
    private long max;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop when nothing new came for this many seconds (5, 0.5, ...); default: never.")
    private Double timeout;

    private final PrintStream out;
    private final PrintStream err;
    private final FlowAvroJson avro = new FlowAvroJson();

    public KafkaTailCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Duration idle = idle();
        if (max < 0) {
            throw new ParameterException(spec.commandLine(), "--max: " + max + " is negative (0: no limit)");
        }
        KafkaEndpoint kafka = ClientConfig.load(homeOption.home())
                .with(ConfigKey.KAFKA_BOOTSTRAP, bootstrap, "--bootstrap").kafka();
        TopicTail tail = TopicTail.open(kafka, topic, fromBeginning);
        BufferedOutputStream lines = new BufferedOutputStream(out, OUTPUT_BUFFER_BYTES);
        try (tail; GracefulStop stop = GracefulStop.install(tail::stop)) {
            err.println("reading " + topic + " at " + kafka.bootstrap() + " (" + tail.partitions() + " partition"
                    + (tail.partitions() == 1 ? "" : "s") + ", " + (fromBeginning ? "from the beginning" : "new messages")
                    + "); stop with Ctrl-C");
            err.flush();
            tail.run(max, idle, value -> writeLine(lines, value), () -> flushed(lines));
            flushed(lines);
        }
        return ExitCode.OK;
    }

    private Duration idle() {
        if (timeout == null) {
            return null;
        }
        if (!(timeout > 0) || timeout.isInfinite()) {
            throw new ParameterException(spec.commandLine(), "--timeout: " + timeout + " is not a positive number of seconds");
        }
        return Duration.ofNanos((long) Math.min(timeout * 1e9, Long.MAX_VALUE));
    }

    /**
     * The value as it is, without one trailing newline, then a newline; {@code null} for a tombstone;
     * one line of flow JSON per record of a block of Avro flow records (a value that does not start with '{'
     * and decodes as one).
     */
    void writeLine(java.io.OutputStream lines, byte[] value) {
        try {
            List<GenericRecord> flows = value == null || value.length == 0 || value[0] == '{' ? null : avroBlock(value);
            if (value == null) {
                lines.write("null".getBytes(StandardCharsets.US_ASCII));
            } else if (flows != null) {
                for (int i = 0; i < flows.size(); i++) {
                    JsonBuffer flow = avro.json(flows.get(i));
                    lines.write(flow.array(), 0, flow.length());
                    if (i < flows.size() - 1) {
                        lines.write('\n');
                    }
                }
            } else {
                int len = value.length > 0 && value[value.length - 1] == '\n' ? value.length - 1 : value.length;
                lines.write(value, 0, len);
            }
            lines.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: a PrintStream records errors instead
        }
    }

    /** The records of a block of Avro flow records, or null when {@code value} is not one. */
    private List<GenericRecord> avroBlock(byte[] value) {
        try {
            return avro.readBlock(value, 0, value.length);
        } catch (IOException | RuntimeException e) {
            return null; // not a block of flow records: printed as it is
        }
    }

    /** Flushes; false once stdout has failed (closed by {@code | head}), so the tail stops. */
    private boolean flushed(BufferedOutputStream lines) {
        try {
            lines.flush();
        } catch (IOException e) {
            return false;
        }
        return !out.checkError();
    }
}
