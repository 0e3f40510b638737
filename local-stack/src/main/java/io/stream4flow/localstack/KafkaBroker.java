package io.stream4flow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one process) running in a JVM of its own on this
 * machine, for {@code s4fctl up} and for integration tests.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.builder().dataDir(dir).port(0).build().start()) {
 *     kafka.createTopic("flows", 4);
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>{@link #start()} formats the storage with {@code kafka.tools.StorageTool} when the data directory is new,
 * launches {@code kafka.Kafka server.properties} with the classpath of {@link BrokerClasspath}, and returns once an
 * AdminClient's {@code describeCluster} succeeds. Files under the data directory: {@code server.properties}
 * (rewritten at every start), {@code data/} (the log directory), {@code kafka.pid}, {@code launcher/}, and the log
 * {@code kafka.log} unless {@link KafkaBrokerBuilder#logFile} names another (truncated at every start).
 *
 * <p>A broker left running on the same data directory by an earlier run ({@link KafkaBrokerBuilder#stopWithThisJvm} false,
 * e.g. {@code s4fctl up --detach}) is reused by {@link #start()} instead of started twice: its pid file
 * ({@code kafka.pid}: process id, then port) names a live {@code kafka.Kafka} JVM of this data directory that answers
 * {@code describeCluster}. {@link #findRunning(Path)} and {@link #stopRunning(Path)} find and stop it from any
 * process.
 *
 * <p>Thread safety: all methods may be called from any thread. {@code start} and {@code stop} are serialized.
 * By default the broker stops with this JVM (shutdown hook; and if this JVM is killed, the child sees its stdin
 * close and stops itself).
 */
public final class KafkaBroker implements AutoCloseable {

    /** Default client port of the local stack (ARCHITECTURE.md, "Names and ports"). */
    public static final int DEFAULT_PORT = 9092;

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaBrokerBuilder config;

    private volatile Process process;
    private volatile RunningServer reused;
    private volatile BrokerAdmin admin;
    private volatile int boundPort;
    private volatile Duration startDuration = Duration.ZERO;
    private Thread shutdownHook;

    KafkaBroker(KafkaBrokerBuilder config) {
        this.config = config;
    }

    /** The broker's jars, each checked to exist ({@link BrokerClasspath}): what a deployment copies. */
    public static List<Path> jars() {
        return BrokerClasspath.resolve();
    }

    public static KafkaBrokerBuilder builder() {
        return new KafkaBrokerBuilder();
    }

    /**
     * Starts the broker and waits until it answers, at most {@link KafkaBrokerBuilder#startTimeout}. Does nothing when it runs
     * already. When a broker of an earlier run is running on this data directory, it is reused (and this object's
     * {@link #stop()} stops it); if it does not answer within the start timeout it is taken for hung and stopped
     * first; if it listens on another port than a non-zero {@link KafkaBrokerBuilder#port}, a {@link LocalStackException} says
     * so. On failure nothing is left running and the {@link LocalStackException} says why, naming the log
     * file and quoting its last lines.
     *
     * @return this broker
     */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        long startNanos = System.nanoTime();
        if (config.security != null) {
            stopRunning(config.dataDir.toAbsolutePath()); // its INTERNAL password is gone with the run that made it
        } else if (reuseEarlierBroker(config.dataDir.toAbsolutePath(), startNanos)) {
            return this;
        }
        List<Path> classpath = BrokerClasspath.resolve();
        Path java = ChildJvm.javaExecutable(config.javaHome);

        int port = config.port;
        int controllerPort = config.controllerPort;
        int[] free = Ports.freePorts(config.host, 2);
        int internalPort = config.security == null ? 0 : Ports.freePorts("127.0.0.1", 3)[2];
        if (port == 0) {
            port = free[0];
        } else if (config.checkPorts) {
            Ports.requireFree(config.host, port, "Kafka broker");
        }
        if (controllerPort == 0) {
            controllerPort = free[1] != port ? free[1] : free[0];
        } else if (config.checkPorts) {
            Ports.requireFree(config.host, controllerPort, "Kafka controller");
        }

        Path dataDir = config.dataDir.toAbsolutePath();
        Path logDir = dataDir.resolve("data");
        Path logFile = logFile();
        Path serverProperties = dataDir.resolve("server.properties");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new LocalStackException("cannot create the Kafka data directory " + dataDir + ": " + e, e);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        String brokerPassword = KafkaSecurity.newBrokerPassword();
        if (config.security != null) {
            Path keystore = dataDir.resolve("tls").resolve("broker.pem");
            KafkaSecurity.writeKeystore(config.security, keystore);
            overrides.putAll(KafkaSecurity.serverProperties(config.host, port, controllerPort, internalPort, keystore,
                    brokerPassword));
        }
        overrides.putAll(config.serverProperties);
        KafkaServerProperties.write(KafkaServerProperties.of(config.host, port, controllerPort, logDir, overrides),
                serverProperties);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(java, classpath, serverProperties, dataDir, logFile);
        }

        List<String> jvmArgs = new ArrayList<>(List.of(
                "-Xmx" + config.heap,
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS"));
        jvmArgs.addAll(config.jvmArgs);
        Process started = ChildJvm.start(java, jvmArgs, classpath, "kafka.Kafka", List.of(serverProperties.toString()),
                dataDir, logFile, true, config.stopWithThisJvm);
        process = started;
        boundPort = port;
        if (config.stopWithThisJvm) {
            registerShutdownHook();
        }
        try {
            RunningServer.writePidFile(pidFile(dataDir), started.pid(), port);
            admin = config.security == null
                    ? BrokerAdmin.awaitReady(config.host, port, started, startNanos + config.startTimeout.toNanos(),
                            config.startTimeout, logFile)
                    : BrokerAdmin.awaitReady("127.0.0.1", internalPort, started, startNanos
                            + config.startTimeout.toNanos(), config.startTimeout, logFile,
                            KafkaSecurity.internalClient(brokerPassword));
            if (config.security != null) {
                KafkaSecurity.upsertUser(admin.admin(), config.security);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        startDuration = Duration.ofNanos(System.nanoTime() - startNanos);
        return this;
    }

    /** {@code host:port} for {@code bootstrap.servers}; valid once {@link #start()} has returned. */
    public String bootstrapServers() {
        requireRunning();
        return config.host + ":" + boundPort;
    }

    /** The client port the broker listens on (the chosen one when the builder said 0); valid while running. */
    public int port() {
        requireRunning();
        return boundPort;
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader, so producing right
     * after this returns does not race the leader election. An existing topic is left as it is (whatever its
     * partition count).
     *
     * @param partitions at least 1
     */
    public void createTopic(String name, int partitions) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        requireRunning().createTopic(name, partitions);
    }

    /**
     * Closes the admin client this instance holds, once its topics are made: a broker that another process stops
     * later (a {@code s4fctl down} elsewhere) then leaves no client here retrying and logging. {@link #stop()}
     * still stops the broker; {@link #createTopic} is refused from then on.
     */
    public synchronized void releaseClient() {
        BrokerAdmin client = admin;
        admin = null;
        if (client != null) {
            client.close();
        }
    }

    /**
     * Stops the broker: SIGTERM (a clean shutdown, a few seconds), and a kill if it is still running after 30 s.
     * Idempotent; safe to call when {@link #start()} failed or never ran.
     */
    public synchronized void stop() {
        BrokerAdmin client = admin;
        admin = null;
        if (client != null) {
            client.close();
        }
        Process running = process;
        RunningServer earlier = reused;
        if (running != null) {
            ChildJvm.stop(running, STOP_GRACE);
        } else if (earlier != null) {
            earlier.stop(STOP_GRACE);
        }
        if (running != null || earlier != null) {
            process = null;
            reused = null;
            RunningServer.deleteQuietly(pidFile(config.dataDir.toAbsolutePath()));
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to; it finds nothing left to stop
            }
            shutdownHook = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the broker process is alive (it may not be ready yet while {@link #start()} runs). */
    public boolean isRunning() {
        Process running = process;
        RunningServer earlier = reused;
        return running != null ? running.isAlive() : earlier != null && earlier.isAlive();
    }

    /** Whether {@link #start()} found a broker of an earlier run and reused it instead of starting one. */
    public boolean isReused() {
        return reused != null && isRunning();
    }

    /** Process id of the broker JVM; -1 when not running. */
    public long pid() {
        Process running = process;
        RunningServer earlier = reused;
        return running != null ? running.pid() : earlier != null ? earlier.pid() : -1;
    }

    /**
     * The broker that a previous {@link #start()} left running on {@code dataDir} (its pid file names a live
     * {@code kafka.Kafka} JVM of that data directory), whether or not it answers yet; empty if there is none.
     */
    public static Optional<RunningServer> findRunning(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        Path serverProperties = dir.resolve("server.properties");
        return RunningServer.fromPidFile(pidFile(dir), hostOf(serverProperties), serverProperties.toString());
    }

    /**
     * Stops the broker left running on {@code dataDir} (SIGTERM, up to 30 s, then SIGKILL) and deletes its pid
     * file. Blocks the calling thread until it is gone. Returns whether one was running.
     */
    public static boolean stopRunning(Path dataDir) {
        Optional<RunningServer> running = findRunning(dataDir);
        running.ifPresent(broker -> broker.stop(STOP_GRACE));
        RunningServer.deleteQuietly(pidFile(dataDir.toAbsolutePath()));
        return running.isPresent();
    }

    /** How long the last successful {@link #start()} took, format and JVM start included. */
    public Duration startDuration() {
        return startDuration;
    }

    public Path dataDir() {
        return config.dataDir;
    }

    /** The broker's stdout and stderr (and the storage formatter's). */
    public Path logFile() {
        return config.logFile != null ? config.logFile : config.dataDir.toAbsolutePath().resolve("kafka.log");
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + config.host + ":" + (boundPort != 0 ? boundPort : config.port) + ", data "
                + config.dataDir + (isRunning() ? ", running" : "") + "]";
    }

    private void format(Path java, List<Path> classpath, Path serverProperties, Path dataDir, Path logFile) {
        String clusterId = Uuid.randomUuid().toString();
        Process formatter = ChildJvm.start(java,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
                classpath, "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", serverProperties.toString()),
                dataDir, logFile, false, false);
        try {
            if (!formatter.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                ChildJvm.stop(formatter, Duration.ofSeconds(5));
                throw ChildJvm.failure("Formatting the Kafka storage in " + dataDir + " took more than "
                        + FORMAT_TIMEOUT.toSeconds() + " s", logFile);
            }
        } catch (InterruptedException e) {
            formatter.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while formatting the Kafka storage in " + dataDir, e);
        }
        if (formatter.exitValue() != 0) {
            throw ChildJvm.failure("Formatting the Kafka storage in " + dataDir
                    + " failed (kafka.tools.StorageTool exit code " + formatter.exitValue() + ")", logFile);
        }
    }

    private BrokerAdmin requireRunning() {
        BrokerAdmin client = admin;
        if (client == null || !isRunning()) {
            throw new IllegalStateException("the Kafka broker is not running: " + this);
        }
        return client;
    }

    private void registerShutdownHook() {
        if (shutdownHook != null) {
            return;
        }
        // Not stop(): that is synchronized, and start() may hold the lock while this JVM exits.
        shutdownHook = new Thread(() -> {
            Process running = process;
            if (running != null) {
                ChildJvm.stop(running, Duration.ofSeconds(10));
            }
        }, "stream4flow-kafka-broker-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static Path pidFile(Path dataDir) {
        return dataDir.resolve("kafka.pid");
    }

    /**
     * Reuses the broker an earlier run left on {@code dataDir} if it answers within the start timeout (it may be
     * starting); stops it if it does not (hung, or a pid file without a port from an older version).
     */
    private boolean reuseEarlierBroker(Path dataDir, long startNanos) {
        Optional<RunningServer> found = findRunning(dataDir);
        if (found.isEmpty()) {
            return false;
        }
        RunningServer earlier = found.get();
        BrokerAdmin client = null;
        if (earlier.port() > 0) {
            ProcessHandle handle = ProcessHandle.of(earlier.pid()).orElse(null);
            try {
                client = handle == null ? null : BrokerAdmin.awaitReady(earlier.host(), earlier.port(), handle,
                        startNanos + config.startTimeout.toNanos(), config.startTimeout, logFile());
            } catch (LocalStackException notAnswering) {
                client = null;
            }
        }
        if (client == null) {
            earlier.stop(STOP_GRACE);
            RunningServer.deleteQuietly(pidFile(dataDir));
            return false;
        }
        if (config.port != 0 && config.port != earlier.port()) {
            client.close();
            throw new LocalStackException("A Kafka broker of an earlier run is running on the data directory "
                    + dataDir + " at " + earlier.host() + ":" + earlier.port() + " (pid " + earlier.pid()
                    + "), not on the requested port " + config.port + "; use that port, or stop it first"
                    + " (KafkaBroker.stopRunning, or kill " + earlier.pid() + ").");
        }
        reused = earlier;
        admin = client;
        boundPort = earlier.port();
        startDuration = Duration.ofNanos(System.nanoTime() - startNanos);
        return true;
    }

    /** The host of the PLAINTEXT listener in {@code server.properties}; {@code 127.0.0.1} if unreadable. */
    private static String hostOf(Path serverProperties) {
        try {
            for (String line : Files.readAllLines(serverProperties, StandardCharsets.UTF_8)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^listeners=.*PLAINTEXT://([^,]+):\\d+")
                        .matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            // not started yet
        }
        return "127.0.0.1";
    }
}
