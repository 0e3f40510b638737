package io.stream4flow.cli.kafka;

import io.stream4flow.schema.Topics;
import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.ServerSecurityOptions;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.localstack.KafkaBrokerBuilder;
import io.stream4flow.localstack.LocalStackException;
import io.stream4flow.localstack.ServerSecurity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl kafka run [--host ADDRESS] [--port N] [--data DIR] [--heap SIZE] [--partitions N]}: starts a
 * Kafka broker ({@link KafkaBroker} of local-stack, a JVM of its own on 127.0.0.1 or {@code --host}), creates the
 * topics {@link #TOPICS}, prints one line and stays in the foreground until SIGTERM or Ctrl-C
 * ({@link GracefulStop}), then stops the broker and exits 0.
 *
 * <p>Ctrl-C or SIGTERM while the broker starts (up to about a minute on a first run) ends this JVM the
 * usual way (exit 130 or 143); the broker stops with it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl kafka run --port 9092 --partitions 2", sortOptions = false,
        description = {
            "Run a Kafka broker (KRaft, one node, on 127.0.0.1 or --host) in the foreground and create the topics "
                    + "flows and alerts.",
            "stderr: one line once it is ready: its address, data directory and log file. The broker's own log "
                    + "is that file (truncated at each start).",
            "Stops the broker cleanly on SIGTERM or Ctrl-C, then exits 0."})
public final class KafkaRunCommand implements Callable<Integer> {
    /** The topics created at every start (an existing topic keeps its partition count). */
    static final List<String> TOPICS = Topics.ALL;
    /** How often the foreground loop checks that the broker still runs (ms). */
    private static final long WATCH_MILLIS = 500;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the broker listens on and gives its clients (one of this host's; not 0.0.0.0). "
                    + "Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + KafkaBroker.DEFAULT_PORT,
            description = "Client port on the --host address; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (topics, config, log); created if missing. Default: ~/.stream4flow/kafka.")
    private Path data;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Maximum heap of the broker JVM (512m, 1g). Default: ${DEFAULT-VALUE}.")
    private String heap;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions of each topic created (existing topics are left as they are). "
                    + "Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Mixin
    private ServerSecurityOptions security;

    private final PrintStream err;

    public KafkaRunCommand(PrintStream err) {
        this.err = err;
    }

    /** The default data directory, {@code ~/.stream4flow/kafka}. */
    static Path defaultDataDir() {
        return Paths.get(System.getProperty("user.home"), ".stream4flow", "kafka");
    }

    @Override
    public Integer call() throws InterruptedException {
        KafkaBroker broker = build();
        requireNoBrokerOn(broker.dataDir());
        start(broker);
        CountDownLatch stopRequested = new CountDownLatch(1);
        try (GracefulStop stop = GracefulStop.install(stopRequested::countDown)) {
            for (String topic : TOPICS) {
                broker.createTopic(topic, partitions);
            }
            err.println("kafka listening on " + broker.bootstrapServers() + (security.security() == null ? ""
                    : " (SASL_SSL, SCRAM-SHA-512)") + " (data: " + broker.dataDir()
                    + ", log: " + broker.logFile() + ")");
            err.flush();
            while (!stopRequested.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!broker.isRunning()) {
                    throw new CommandFailure(ExitCode.FAILURE, "the Kafka broker stopped by itself; its log: "
                            + broker.logFile());
                }
            }
            broker.stop();
        } catch (LocalStackException e) {
            throw new CommandFailure(ExitCode.FAILURE, e.getMessage());
        } finally {
            broker.stop();
        }
        return ExitCode.OK;
    }

    private KafkaBroker build() {
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions: " + partitions + " is less than 1");
        }
        if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            throw new ParameterException(spec.commandLine(), "--host: '" + host + "' is not an address clients can "
                    + "reach; give one of this host's addresses");
        }
        KafkaBrokerBuilder builder = KafkaBroker.builder().host(host)
                .dataDir((data != null ? data : defaultDataDir()).toAbsolutePath().normalize());
        try {
            builder.port(port);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--port: " + port + " is out of range (0-65535)");
        }
        try {
            builder.heap(heap);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--heap: '" + heap + "' is not a size like 512m or 1g");
        }
        ServerSecurity secured = security.security();
        return (secured == null ? builder : builder.security(secured)).build();
    }

    /** Starts the broker; any start failure is one line (the first of the exception's message), exit 3. */
    private static void start(KafkaBroker broker) {
        try {
            broker.start();
        } catch (LocalStackException e) {
            throw new CommandFailure(ExitCode.FAILURE, e.getMessage());
        }
    }

    /**
     * Refuses a data directory that a running broker uses: Kafka holds a lock on {@code data/.lock}
     * while it runs, and starting a second broker there would rewrite the first one's
     * {@code server.properties} and truncate its log before failing on that lock. The lock is taken
     * and released at once; a directory without the file is free.
     */
    private static void requireNoBrokerOn(Path dataDir) {
        Path lockFile = dataDir.resolve("data").resolve(".lock");
        if (!Files.isRegularFile(lockFile)) {
            return;
        }
        boolean locked;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            locked = lock == null;
            if (lock != null) {
                lock.release();
            }
        } catch (OverlappingFileLockException e) {
            locked = true; // this JVM holds it: a broker started in-process
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILURE, "cannot check " + lockFile + ": " + e.getMessage());
        }
        if (locked) {
            throw new CommandFailure(ExitCode.FAILURE, "a Kafka broker" + pidNote(dataDir) + " already runs on "
                    + dataDir + ": stop it, or give another --data");
        }
    }

    private static String pidNote(Path dataDir) {
        return KafkaBroker.findRunning(dataDir).map(r -> " (pid " + r.pid() + ")").orElse("");
    }
}
