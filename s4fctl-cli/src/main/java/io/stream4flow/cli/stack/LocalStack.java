package io.stream4flow.cli.stack;

import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.Topics;
import io.stream4flow.cli.S4fctl;
import io.stream4flow.cli.demo.DemoCommand;
import io.stream4flow.collector.live.CollectorConfig;
import io.stream4flow.schema.net.Cidr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The local stack: a Kafka broker, an Elasticsearch node, the collector, the default Spark jobs (with
 * {@code --demo}: every detection and statistic, {@link #DEMO_JOBS}) and, with {@code --demo}, the demo feed, each a
 * process of its own under {@link StackHome}. The service
 * behind {@code s4fctl up}, {@code status} and {@code down}.
 *
 * <p>Jobs started later with {@code s4fctl job start} are not components: {@link #stop} stops them first.
 *
 * <p>Order: Kafka first (everything else talks to it), then Elasticsearch, the collector, the jobs
 * and the demo at once. The jobs begin reading {@code flows} at the time {@code up} started (Kafka's
 * offsets by timestamp), so the demo's first flows are not missed while Spark warms up; a restart
 * with an existing checkpoint continues from the checkpoint instead.
 */
public final class LocalStack {
    /**
     * How the flow records travel from the collector to the jobs unless {@link StackSettings#flowsFormat()} says
     * otherwise: Avro (about 7 times smaller than the flow JSON
     * for ordinary traffic, and cheaper to write and to read).
     */
    public static final RecordFormat FLOWS_FORMAT = RecordFormat.AVRO;
    private final StackHome home;
    private final StackSettings settings;
    private final List<StackComponent> components;
    private final java.util.concurrent.atomic.AtomicInteger partsUp = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param startMillis when this {@code up} began (epoch ms); the jobs read {@code flows} from here on
     *     when they start without a checkpoint
     */
    public LocalStack(StackHome home, StackSettings settings, long startMillis) {
        this(home, settings, startMillis, false);
    }

    /**
     * @param stopWithThisJvm whether Kafka and Elasticsearch stop when this JVM ends, even when it is
     *     killed (a foreground {@code up}); false for {@code up --detach}, {@code status} and {@code down}
     */
    public LocalStack(StackHome home, StackSettings settings, long startMillis, boolean stopWithThisJvm) {
        this.home = home;
        this.settings = settings;
        List<StackComponent> all = new ArrayList<>();
        all.add(new KafkaComponent(home, settings, stopWithThisJvm));
        all.add(new ElasticsearchComponent(home, settings, stopWithThisJvm));
        all.add(collector());
        all.add(jobs(startMillis));
        if (settings.demo()) {
            all.add(demo());
        }
        this.components = List.copyOf(all);
    }

    /** A stack of the given parts (tests of the verbs' logic on stand-in processes). */
    LocalStack(StackHome home, StackSettings settings, List<StackComponent> components) {
        this.home = home;
        this.settings = settings;
        this.components = List.copyOf(components);
    }

    /** The components, in start order. */
    /** How many components the running {@link #start} found healthy so far; any thread. */
    public int partsUp() {
        return partsUp.get();
    }

    public List<StackComponent> components() {
        return components;
    }

    public StackHome home() {
        return home;
    }

    public StackSettings settings() {
        return settings;
    }

    private StackComponent collector() {
        Path dir = home.collector();
        Path config = dir.resolve("collector.yaml");
        List<String> command = List.of(ServiceProcess.javaExecutable(),
                "-Xmx" + (CollectorConfig.DEFAULT_HEAP_BYTES >> 20) + "m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), S4fctl.class.getName(),
                "collector", "run", "--config", config.toString());
        String where = "udp://" + settings.listenAddress() + ":" + settings.ipfixPort() + " (IPFIX), udp://"
                + settings.listenAddress() + ":" + settings.netflowPort() + " (NetFlow v5/v9), tcp://"
                + settings.listenAddress() + ":" + settings.ipfixPort() + " (IPFIX); metrics http://"
                + settings.metricsAddress() + "/metrics";
        return new ChildComponent(new ServiceProcess("collector", dir), () -> {
            writeCollectorConfig();
            return command;
        }, Map.of(), () -> Http.get("http://" + settings.metricsAddress() + "/metrics") != null,
                Duration.ofSeconds(30), where);
    }

    /** Writes the collector's configuration for this stack (rewritten at every {@code up}). */
    void writeCollectorConfig() {
        Path dir = home.collector();
        String host = settings.listenAddress().contains(":") ? "[" + settings.listenAddress() + "]"
                : settings.listenAddress();
        String yaml = "# written by s4fctl up at every start; edit the flags of s4fctl up instead\n"
                + "listen:\n"
                + "  - udp://" + host + ":" + settings.ipfixPort() + "\n"
                + "  - udp://" + host + ":" + settings.netflowPort() + "\n"
                + "  - tcp://" + host + ":" + settings.ipfixPort() + "\n"
                + "output: kafka://" + settings.kafkaBootstrap() + "/" + Topics.FLOWS + "?format="
                + settings.flowsFormat().uriName() + "\n"
                + "state:\n  dir: " + dir.resolve("state") + "\n"
                + "metrics:\n  listen: " + settings.metricsAddress() + "\n"
                + "stats-json: " + dir.resolve("final-stats.json") + "\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("collector.yaml"), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot write the collector's configuration in " + dir + ": " + e.getMessage(), e);
        }
    }

    private StackComponent jobs(long startMillis) {
        Path dir = home.jobs();
        Path status = dir.resolve(JobsStatus.FILE);
        List<String> arguments = new ArrayList<>(List.of("--bootstrap", settings.kafkaBootstrap(), "--topic", Topics.FLOWS,
                "--input-format", settings.flowsFormat().uriName(),
                "--alerts-topic", Topics.ALERTS, "--es", settings.elasticsearchUrl(),
                "--checkpoint-dir", home.checkpoints().toString(), "--master", settings.master(),
                "--status-file", status.toString(), "--starting-timestamp", Long.toString(startMillis),
                // protocols, hosts and portscan as one query (one read of the topic): measured faster on
                // ordinary traffic (benchmarks/README.md, stack benchmark) and fewer queries share the cores
                "--combine"));
        if (!settings.localNets().isEmpty()) {
            arguments.add("--local-net");
            arguments.add(String.join(",", settings.localNets()));
        }
        arguments.addAll(settings.jobArguments());
        if (settings.demo()) {
            arguments.addAll(demoJobs(settings.jobArguments()));
        }
        return new ChildComponent(new ServiceProcess("jobs", dir),
                () -> ClusterDriver.command(dir, settings.jobsHeap(), arguments), Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                // every query's first micro-batch: with --demo thirteen queries share the cores, which on a loaded
                // two-core machine has taken over two minutes; a runner that fails exits, which is seen at once
                () -> JobsStatus.read(status).map(JobsStatus::allRunning).orElse(false), Duration.ofSeconds(300),
                "Spark " + settings.master() + "; results to " + settings.elasticsearchUrl() + " (s4f-*), alerts to "
                        + "Kafka topic " + Topics.ALERTS);
    }

    /**
     * The job runner's {@code --job} arguments for a stack with the demo: {@code --job all}, every detection,
     * statistic and profile of the catalog that the local networks allow, so that each of the demo's attacks and its
     * DNS, HTTP and TLS elements show (the runner's own defaults leave most detections out to spare the cores on
     * real traffic; the demo's few hundred flows a second afford a query each); none when the operator's job
     * arguments name jobs themselves ({@code --job-arg=--job=...}).
     */
    static List<String> demoJobs(List<String> jobArguments) {
        if (jobArguments.stream().anyMatch(a -> a.equals("--job") || a.startsWith("--job="))) {
            return List.of();
        }
        return List.of("--job", "all");
    }

    private StackComponent demo() {
        String net = settings.localNets().stream().filter(n -> DemoCommand.fitsDemo(Cidr.parse(n))).findFirst()
                .orElse(DemoCommand.DEFAULT_NET);
        List<String> command = List.of(ServiceProcess.javaExecutable(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), S4fctl.class.getName(),
                "demo", "--to", "udp://127.0.0.1:" + settings.ipfixPort(), "--local-net", net);
        return new ChildComponent(new ServiceProcess("demo", home.demo()), () -> command, Map.of(), () -> true,
                Duration.ofSeconds(10), "IPFIX to udp://127.0.0.1:" + settings.ipfixPort() + ", network " + net
                        + ", attacks every minute");
    }

    /**
     * Starts every component that does not run yet and waits until all are healthy. On failure, stops
     * what this call started and throws a {@link StackException} naming the component and its log.
     *
     * @param progress one line per step, for the operator
     */
    public void start(Consumer<String> progress) throws InterruptedException {
        Memory.requireAvailable(settings);
        settings.save(home);
        List<StackComponent> started = new ArrayList<>();
        try {
            StackComponent kafka = components.get(0);
            startOne(kafka, progress, started);
            ExecutorService pool = Executors.newFixedThreadPool(components.size());
            try {
                List<Future<?>> starts = new ArrayList<>();
                for (StackComponent c : components.subList(1, components.size())) {
                    starts.add(pool.submit(() -> {
                        startOne(c, progress, started);
                        return null;
                    }));
                }
                for (Future<?> f : starts) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw e.getCause() instanceof RuntimeException r ? r
                                : new StackException(String.valueOf(e.getCause()), e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        } catch (RuntimeException | InterruptedException e) {
            List<StackComponent> reverse = new ArrayList<>(started);
            java.util.Collections.reverse(reverse);
            for (StackComponent c : reverse) {
                c.stop();
            }
            throw e;
        }
    }

    private void startOne(StackComponent c, Consumer<String> progress, List<StackComponent> started)
            throws InterruptedException {
        boolean wasRunning = c.process().isPresent() && c.healthy();
        if (wasRunning) {
            progress.accept(c.name() + ": already running (pid " + c.process().map(ProcessHandle::pid).orElse(-1L)
                    + "), kept");
            partsUp.incrementAndGet();
            return;
        }
        long t0 = System.nanoTime();
        c.start();
        synchronized (started) {
            started.add(c);
        }
        long deadline = System.nanoTime() + c.startTimeout().toNanos();
        while (!c.healthy()) {
            if (c.process().isEmpty()) {
                throw new StackException(c.name() + " stopped while starting; its log " + c.logFile() + " ends with:\n"
                        + Logs.tail(c.logFile(), 15));
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(c.name() + " did not become healthy within " + c.startTimeout().toSeconds()
                        + " s; its log " + c.logFile() + " ends with:\n" + Logs.tail(c.logFile(), 15));
            }
            Thread.sleep(250);
        }
        progress.accept(String.format(java.util.Locale.ROOT, "%s: up in %.1f s", c.name(),
                (System.nanoTime() - t0) / 1e9));
        partsUp.incrementAndGet();
    }

    /**
     * Stops the jobs started with {@code s4fctl job start} in this home (they read from Kafka and write to
     * Elasticsearch), then every component that runs, the last started first.
     */
    public void stop(Consumer<String> progress) {
        new io.stream4flow.cli.job.LocalJobService(home, settings).stopStarted(Duration.ofSeconds(60), progress);
        List<StackComponent> reverse = new ArrayList<>(components);
        java.util.Collections.reverse(reverse);
        for (StackComponent c : reverse) {
            Optional<ProcessHandle> p = c.process();
            long t0 = System.nanoTime();
            if (c.stop()) {
                progress.accept(String.format(java.util.Locale.ROOT, "%s: stopped%s in %.1f s", c.name(),
                        p.map(h -> " (pid " + h.pid() + ")").orElse(""), (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    /** The first component whose process has gone, if any (for the foreground watch). */
    public Optional<StackComponent> firstDead() {
        return components.stream().filter(c -> c.process().isEmpty()).findFirst();
    }
}
