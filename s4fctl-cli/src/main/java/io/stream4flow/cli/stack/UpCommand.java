package io.stream4flow.cli.stack;

import io.stream4flow.cli.Args;
import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.demo.DemoCommand;
import io.stream4flow.cli.output.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl up [--demo] [--local-net CIDR]... [--detach]}: starts the local stack
 * ({@link LocalStack}) and stays in the foreground until Ctrl-C, or returns once it is healthy with
 * {@code --detach}.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl up --demo --detach && s4fctl status", sortOptions = false,
        description = {
            "Start Stream4Flow on this machine: a Kafka broker and an Elasticsearch node on 127.0.0.1, the "
                    + "collector, and the default Spark jobs (protocol statistics, host statistics with --local-net, "
                    + "top-N, port scans) on Spark local[*].",
            "Returns to the prompt with --detach once everything is healthy; otherwise stays in the foreground "
                    + "and stops everything on Ctrl-C or SIGTERM. Parts already running from an earlier up are kept.",
            "stderr: one line per part as it comes up, then what listens where and where the logs are."})
public final class UpCommand implements Callable<Integer> {
    private static final long WATCH_MILLIS = 1_000;
    /** How long a foreground up waits for a {@code down} elsewhere to stop every part (each has 30 s of grace). */
    private static final long DOWN_WAIT_MILLIS = 180_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--demo", description = "Also feed generated IPFIX (ordinary traffic with DNS, HTTP and TLS "
            + "elements; scans, SSH password guessing, a SYN flood and DNS abuse every minute) and run every "
            + "detection and statistic on it, so that statistics and alerts appear within a minute.")
    private boolean demo;

    @Option(names = "--local-net", paramLabel = "CIDR",
            description = "Your network (repeatable; IPv4 or IPv6): host statistics are kept for its hosts, and "
                    + "--demo uses the first IPv4 one (default for the demo: 10.10.0.0/24).")
    private List<String> localNets = new ArrayList<>();

    @Option(names = "--detach", description = "Return once healthy; stop later with `s4fctl down`.")
    private boolean detach;

    @Mixin
    private HomeOption homeOption;

    @Option(names = "--listen-address", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address the collector listens on; default: ${DEFAULT-VALUE} (probes on other machines "
                    + "reach it). Kafka and Elasticsearch always listen on 127.0.0.1.")
    private String listenAddress;

    @Option(names = "--ipfix-port", paramLabel = "PORT", defaultValue = "4739",
            description = "IPFIX port, UDP and TCP; default: ${DEFAULT-VALUE}.")
    private int ipfixPort;

    @Option(names = "--netflow-port", paramLabel = "PORT", defaultValue = "2055",
            description = "NetFlow v5/v9 UDP port; default: ${DEFAULT-VALUE}.")
    private int netflowPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "The collector's metrics port on 127.0.0.1; default: ${DEFAULT-VALUE}.")
    private int metricsPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka port on 127.0.0.1; default: ${DEFAULT-VALUE}.")
    private int kafkaPort;

    @Option(names = "--es-port", paramLabel = "PORT", defaultValue = "9200",
            description = "Elasticsearch HTTP port on 127.0.0.1; default: ${DEFAULT-VALUE}.")
    private int esPort;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master of the jobs; default: ${DEFAULT-VALUE}.")
    private String master;

    @Option(names = "--jobs-heap", paramLabel = "SIZE", defaultValue = "2g",
            description = "Heap of the Spark jobs' JVM; default: ${DEFAULT-VALUE}.")
    private String jobsHeap;

    @Option(names = "--job-arg", paramLabel = "ARG",
            description = "One more argument for the Spark job runner (repeatable), e.g. --job-arg=--param "
                    + "--job-arg=portscan.min-targets=50; see the cluster module's README for the runner's options.")
    private List<String> jobArguments = new ArrayList<>();

    private final PrintStream err;

    public UpCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        StackSettings settings = settings();
        StackHome home = homeOption.home();
        long startMillis = System.currentTimeMillis();
        LocalStack stack = new LocalStack(home, settings, startMillis, !detach);
        StopRequest.clear(home);
        CountDownLatch stopRequested = new CountDownLatch(1);
        try (GracefulStop stop = detach ? null : GracefulStop.install(stopRequested::countDown)) {
            try (Progress progress = Progress.start(err, "up", " parts", stack::partsUp,
                    () -> stack.components().size())) {
                stack.start(progress::println);
            } catch (StackException e) {
                Optional<Long> down = StopRequest.since(home, startMillis);
                if (down.isPresent()) {        // a part "stopped while starting" because down stopped it
                    err.println("s4fctl: stopped by s4fctl down (pid " + down.get() + ") while starting");
                    return ExitCode.OK;
                }
                throw new CommandFailure(ExitCode.FAILURE, e.getMessage());
            }
            err.print(StatusCommand.render(stack));
            err.println(detach
                    ? "Stream4Flow is up. Alerts: ./s4fctl kafka tail alerts --bootstrap " + settings.kafkaBootstrap()
                            + "; state: ./s4fctl status; stop: ./s4fctl down"
                    : "Stream4Flow is up. Alerts: ./s4fctl kafka tail alerts --bootstrap " + settings.kafkaBootstrap()
                            + " (in another terminal); Ctrl-C stops everything.");
            err.flush();
            if (detach) {
                return ExitCode.OK;
            }
            return watch(stack, stopRequested, startMillis, err);
        }
    }

    /**
     * The foreground watch: until Ctrl-C / SIGTERM ({@code stopRequested}) or {@code s4fctl down} from elsewhere,
     * checks every second that each part still runs. A part that stopped by itself is reported with the end of
     * its log, the rest are stopped, and the result is {@link ExitCode#FAILURE}; a stop that was asked for is
     * reported as such and ends with {@link ExitCode#OK}.
     *
     * @param startMillis when this {@code up} began: a {@code down} before it is not this stop
     */
    static int watch(LocalStack stack, CountDownLatch stopRequested, long startMillis, PrintStream err)
            throws InterruptedException {
        Consumer<String> print = line -> {
            err.println(line);
            err.flush();
        };
        while (!stopRequested.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
            Optional<StackComponent> dead = stack.firstDead();
            Optional<Long> down = StopRequest.since(stack.home(), startMillis);   // written before down stops a part
            if (down.isPresent()) {
                print.accept("s4fctl: stopped by s4fctl down (pid " + down.get() + ")");
                awaitStopped(stack, DOWN_WAIT_MILLIS);
                stack.stop(print);     // whatever that down left running
                return ExitCode.OK;
            }
            if (dead.isPresent()) {
                StackComponent c = dead.get();
                err.println("s4fctl: " + c.name() + " stopped by itself; its log " + c.logFile() + " ends with:");
                err.println(Logs.tail(c.logFile(), 15));
                stack.stop(print);
                return ExitCode.FAILURE;
            }
        }
        print.accept("stopping (Ctrl-C or SIGTERM)...");
        stack.stop(print);
        return ExitCode.OK;
    }

    /** Waits until no part has a process (a {@code down} elsewhere is stopping them), at most {@code millis}. */
    private static void awaitStopped(LocalStack stack, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (stack.components().stream().anyMatch(c -> c.process().isPresent()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private StackSettings settings() {
        List<String> nets = new ArrayList<>();
        boolean demoFits = false;
        for (String net : localNets) {
            demoFits |= DemoCommand.fitsDemo(Args.network(spec, "--local-net", net));
            nets.add(net.strip());
        }
        if (demo && !nets.isEmpty() && !demoFits) {
            throw new ParameterException(spec.commandLine(), "--local-net: --demo needs an IPv4 network of /24 or "
                    + "larger among them (the demo's hosts are its first 254 addresses)");
        }
        requirePort("--ipfix-port", ipfixPort);
        requirePort("--netflow-port", netflowPort);
        requirePort("--metrics-port", metricsPort);
        requirePort("--kafka-port", kafkaPort);
        requirePort("--es-port", esPort);
        if (!jobsHeap.matches("[0-9]+[mMgG]")) {
            throw new ParameterException(spec.commandLine(), "--jobs-heap: '" + jobsHeap + "' is not a size like 2g or 1536m");
        }
        if (demo && nets.isEmpty()) {
            nets.add(DemoCommand.DEFAULT_NET);
        }
        StackSettings d = StackSettings.defaults();
        return new StackSettings(listenAddress, ipfixPort, netflowPort, metricsPort, kafkaPort, esPort, master, nets,
                demo, d.kafkaHeap(), d.elasticsearchHeap(), jobsHeap.toLowerCase(java.util.Locale.ROOT), jobArguments);
    }

    private void requirePort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), option + ": " + port + " is not a port (1-65535)");
        }
    }
}
