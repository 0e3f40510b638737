package io.stream4flow.cli.collector;

import io.stream4flow.cli.Args;
import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.collector.config.CollectorConfigLoader;
import io.stream4flow.collector.config.CollectorConfigLoader.Overrides;
import io.stream4flow.collector.live.Collector;
import io.stream4flow.collector.live.CollectorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl collector run [--config FILE] [--listen URI]... [--output URI] [--stats-json PATH]
 * [--metrics HOST:PORT|off] [--allow CIDR]... [--check]}: builds the configuration
 * ({@link CollectorConfigLoader}), starts the {@link Collector} and serves until SIGTERM or
 * Ctrl-C, which close it gracefully ({@link GracefulStop}); then exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl collector run --listen udp://0.0.0.0:4739 --output kafka://127.0.0.1:9092/flows?format=avro", sortOptions = false,
        description = {
            "Run the live collector: receive NetFlow v5/v9 and IPFIX, decode, write flow records to the output.",
            "Settings: the defaults, then the config file (--config, or ~/.stream4flow/collector.yaml when it "
                    + "exists), then the flags. Every key is documented in collector-example.yaml (see README).",
            "Stops gracefully on SIGTERM or Ctrl-C (drains, flushes the output, saves template state)."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file; default: ~/.stream4flow/collector.yaml if it exists.")
    private Path configFile;

    @Option(names = "--listen", paramLabel = "URI",
            description = "udp://HOST:PORT or tcp://HOST:PORT; repeatable; replaces the file's list.")
    private List<String> listen;

    @Option(names = "--output", paramLabel = "URI",
            description = "kafka://HOST:PORT/TOPIC, file:PATH, stdout or null; ending in ?format=avro for Avro "
                    + "records instead of JSON (?format=json, the default).")
    private String output;

    @Option(names = "--stats-json", paramLabel = "PATH", description = "Write the final counters here as JSON at exit.")
    private String statsJson;

    @Option(names = "--metrics", paramLabel = "HOST:PORT|off", description = "Metrics endpoint address, or off.")
    private String metrics;

    @Option(names = "--allow", paramLabel = "CIDR",
            description = "Accept only these exporter networks; repeatable; replaces the file's list.")
    private List<String> allow;

    @Option(names = "--check", description = "Check the settings, print them (YAML, every key) and exit.")
    private boolean check;

    private final PrintStream out;
    private final PrintStream err;

    public RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        CollectorConfig config = CollectorConfigLoader.withOverrides(fileConfig(),
                new Overrides(listen, output, statsJson, metrics, allow));
        if (check) {
            out.print(CollectorConfigLoader.toYaml(config));
            return ExitCode.OK;
        }
        if (CollectorJvm.wanted()) {
            err.println("collector JVM: heap " + (config.jvmHeapBytes() >> 20) + " MiB (jvm.heap)");
            err.flush();
            return CollectorJvm.run(config.jvmHeapBytes(), spec.commandLine().getParseResult().originalArgs());
        }
        Collector collector = start(config);
        try (GracefulStop stop = GracefulStop.install(collector::close)) {
            if (CollectorJvm.isChild()) {
                CollectorJvm.stopWithParent(collector::close);
            }
            announce(config, collector);
            collector.awaitTermination();
        } catch (InterruptedException e) {
            collector.close();
            throw e;
        }
        return ExitCode.OK;
    }

    private CollectorConfig fileConfig() throws IOException {
        Path file = configFile;
        if (file != null) {
            Args.readableFiles(spec, List.of(file));
        } else if (Files.isRegularFile(CollectorConfigLoader.defaultFile())) {
            file = CollectorConfigLoader.defaultFile();
        } else {
            return CollectorConfig.defaults();
        }
        return CollectorConfigLoader.load(file);
    }

    /**
     * Starts the collector. A listener or metrics address that cannot be bound (in use, no
     * permission) is {@link ExitCode#FAILURE} with one line naming it: the collector's message
     * names it; otherwise the addresses tried are added.
     */
    private static Collector start(CollectorConfig config) {
        try {
            return Collector.start(config);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            boolean named = config.listeners().stream().anyMatch(u -> message.contains(u.getAuthority()))
                    || message.contains(config.metricsListen());
            String addresses = String.join(", ", config.listeners().stream().map(URI::toString).toList())
                    + (config.metricsListen().equals("off") ? "" : ", metrics " + config.metricsListen());
            throw new CommandFailure(ExitCode.FAILURE, named ? message
                    : "cannot start the collector: " + message + " (binding " + addresses + ")");
        }
    }

    private void announce(CollectorConfig config, Collector collector) {
        List<InetSocketAddress> bound = collector.boundAddresses();
        for (int i = 0; i < bound.size(); i++) {
            String scheme = i < config.listeners().size() ? config.listeners().get(i).getScheme() + "://" : "";
            err.println("listening on " + scheme + text(bound.get(i)));
        }
        InetSocketAddress m = collector.metricsAddress();
        err.println(m == null ? "metrics off" : "metrics on http://" + text(m) + "/metrics");
        err.println("output " + config.output() + "; stop with Ctrl-C or SIGTERM");
        err.flush();
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
