package io.stream4flow.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The launcher's AdminClient on a local broker: waits for it to answer, creates topics. Thread-safe (as
 * {@link Admin} is).
 */
final class BrokerAdmin implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final Admin admin;
    private final String bootstrapServers;
    private final Path logFile;

    private BrokerAdmin(Admin admin, String bootstrapServers, Path logFile) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
    }

    /**
     * Polls {@code host:port} until the broker answers {@code describeCluster} with at least one node. Fails (a
     * {@link LocalStackException} quoting {@code logFile}) as soon as {@code process} exits, or at
     * {@code deadlineNanos} ({@link System#nanoTime()} clock). Leaves the process alone either way.
     */
    static BrokerAdmin awaitReady(String host, int port, Process process, long deadlineNanos, Duration timeout,
            Path logFile) {
        return awaitReady(host, port, process.toHandle(), process, deadlineNanos, timeout, logFile, Map.of());
    }

    /** As above, the admin client logging in with {@code clientSecurity} ({@code security.protocol}, {@code sasl.*}). */
    static BrokerAdmin awaitReady(String host, int port, Process process, long deadlineNanos, Duration timeout,
            Path logFile, Map<String, Object> clientSecurity) {
        return awaitReady(host, port, process.toHandle(), process, deadlineNanos, timeout, logFile, clientSecurity);
    }

    /**
     * As {@link #awaitReady(String, int, Process, long, Duration, Path)} for a broker this JVM did not start (found
     * from its pid file), whose exit code cannot be known.
     */
    static BrokerAdmin awaitReady(String host, int port, ProcessHandle process, long deadlineNanos, Duration timeout,
            Path logFile) {
        return awaitReady(host, port, process, null, deadlineNanos, timeout, logFile, Map.of());
    }

    private static BrokerAdmin awaitReady(String host, int port, ProcessHandle process, Process started,
            long deadlineNanos, Duration timeout, Path logFile, Map<String, Object> clientSecurity) {
        String bootstrap = host + ":" + port;
        // a plain TCP probe first: an AdminClient would log a warning for every refused connection
        while (!Ports.accepts(host, port, 200)) {
            check(process, started, deadlineNanos, timeout, bootstrap, "port " + port + " is not open yet", logFile);
            sleep();
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "stream4flow-local-stack");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(clientSecurity);
        Admin admin = Admin.create(props);
        String lastError = "no answer yet";
        try {
            while (true) {
                check(process, started, deadlineNanos, timeout, bootstrap, lastError, logFile);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                            .get(3, TimeUnit.SECONDS).isEmpty()) {
                        return new BrokerAdmin(admin, bootstrap, logFile);
                    }
                    lastError = "describeCluster returned no nodes";
                } catch (ExecutionException | TimeoutException e) {
                    lastError = "describeCluster: " + (e.getCause() != null ? e.getCause() : e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("interrupted while waiting for the Kafka broker", e);
                }
                sleep();
            }
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    /** See {@link KafkaBroker#createTopic(String, int)}. */
    void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LocalStackException("cannot create topic " + name + " on " + bootstrapServers + ": "
                        + e.getCause() + " (broker log: " + logFile + ")", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new LocalStackException("creating topic " + name + " on " + bootstrapServers + " took more than "
                    + CALL_TIMEOUT.toSeconds() + " s (broker log: " + logFile + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating topic " + name, e);
        }
        awaitLeaders(name);
    }

    /** The client itself, for what this class has no method for. */
    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(5, TimeUnit.SECONDS).get(topic);
                if (description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(Objects::nonNull)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not visible yet; retry until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while waiting for topic " + topic, e);
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackException("topic " + topic + " has partitions without a leader after "
                        + CALL_TIMEOUT.toSeconds() + " s (broker log: " + logFile + ")");
            }
            sleep();
        }
    }

    private static void check(ProcessHandle process, Process started, long deadlineNanos, Duration timeout,
            String bootstrap, String lastError, Path logFile) {
        if (!process.isAlive()) {
            throw ChildJvm.failure("Kafka broker exited during start-up"
                    + (started != null ? " (exit code " + started.exitValue() + ")" : ""), logFile);
        }
        if (System.nanoTime() > deadlineNanos) {
            throw ChildJvm.failure("Kafka broker did not become ready at " + bootstrap + " within "
                    + timeout.toSeconds() + " s (" + lastError + "); it was stopped", logFile);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
