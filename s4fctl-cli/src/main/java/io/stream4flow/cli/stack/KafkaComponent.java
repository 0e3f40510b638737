package io.stream4flow.cli.stack;

import io.stream4flow.schema.Topics;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.localstack.LocalStackException;
import io.stream4flow.localstack.RunningServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The stack's Kafka broker ({@link KafkaBroker}, a JVM of its own) with the topics {@code flows} and
 * {@code alerts}. A broker left running by an earlier {@code up --detach} is found by its pid file
 * ({@code kafka/kafka.pid}) and kept.
 */
final class KafkaComponent implements StackComponent {
    static final int FLOWS_PARTITIONS = 2;

    private final StackHome home;
    private final StackSettings settings;
    private final boolean stopWithThisJvm;
    private volatile KafkaBroker broker;

    KafkaComponent(StackHome home, StackSettings settings, boolean stopWithThisJvm) {
        this.home = home;
        this.settings = settings;
        this.stopWithThisJvm = stopWithThisJvm;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start() {
        KafkaBroker b = KafkaBroker.builder().dataDir(home.kafka()).port(settings.kafkaPort())
                .heap(settings.kafkaHeap()).stopWithThisJvm(stopWithThisJvm).build();
        try {
            b.start();
            b.createTopic(Topics.FLOWS, FLOWS_PARTITIONS);
            b.createTopic(Topics.ALERTS, 1);
            b.releaseClient();
        } catch (LocalStackException e) {
            b.stop();
            throw new StackException("kafka: " + e.getMessage(), e);
        }
        broker = b;
    }

    @Override
    public boolean healthy() {
        return process().isPresent() && accepts(settings.kafkaPort());
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    public String where() {
        return settings.kafkaBootstrap() + " (topics " + Topics.FLOWS + ", " + Topics.ALERTS + ")";
    }

    @Override
    public Path logFile() {
        return home.kafka().resolve("kafka.log");
    }

    @Override
    public Optional<ProcessHandle> process() {
        KafkaBroker b = broker;
        if (b != null && b.isRunning()) {
            return ProcessHandle.of(b.pid());
        }
        return KafkaBroker.findRunning(home.kafka()).map(RunningServer::pid).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive);
    }

    @Override
    public boolean stop() {
        KafkaBroker b = broker;
        if (b != null && b.isRunning()) {
            b.stop();
            return true;
        }
        return KafkaBroker.stopRunning(home.kafka());
    }
}
