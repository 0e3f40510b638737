package io.stream4flow.cli.kafka;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.collector.net.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the verbs that read Kafka without a consumer group share: the check that some bootstrap address
 * listens before a client is made (a client retries an address that refuses for as long as it is let), and
 * the partitions of a topic that must exist. Failures are {@link CommandFailure}s with the exit codes of
 * {@link ExitCode}.
 */
public final class KafkaBrokers {
    /** How long a TCP connection to a bootstrap address may take before it counts as unreachable. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private KafkaBrokers() { }

    /**
     * A consumer of raw records at {@code endpoint} (its security settings included) that commits nothing and
     * creates no topic, once some bootstrap address accepts a TCP connection ({@link #requireReachable}).
     *
     * @param offsetReset {@code earliest} or {@code latest}
     */
    public static KafkaConsumer<byte[], byte[]> consumer(KafkaEndpoint endpoint, String clientId, String offsetReset) {
        requireReachable(endpoint.bootstrap());
        Map<String, Object> props = new HashMap<>(endpoint.clientProperties());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * @param bootstrap {@code HOST:PORT[,HOST:PORT...]}
     * @throws IllegalArgumentException a bootstrap address that is not {@code HOST:PORT}
     * @throws CommandFailure {@link ExitCode#FAILURE} when no address accepts a TCP connection within
     *     {@link #CONNECT_TIMEOUT}
     */
    public static void requireReachable(String bootstrap) {
        if (!reachable(bootstrap)) {
            throw new CommandFailure(ExitCode.FAILURE, "no Kafka broker at " + bootstrap
                    + " (is `s4fctl kafka run` running?)");
        }
    }

    /**
     * Whether some address of {@code bootstrap} accepts a TCP connection within {@link #CONNECT_TIMEOUT}.
     *
     * @throws IllegalArgumentException a bootstrap address that is not {@code HOST:PORT}
     */
    public static boolean reachable(String bootstrap) {
        List<HostPort> servers = new ArrayList<>();
        for (String s : bootstrap.split(",")) {
            servers.add(HostPort.parse(s.strip()));
        }
        return servers.stream().anyMatch(KafkaBrokers::accepts);
    }

    /**
     * Every partition of {@code topic}.
     *
     * @throws CommandFailure {@link ExitCode#USAGE} when the topic does not exist (it is not created)
     * @throws org.apache.kafka.common.errors.TimeoutException when the broker does not answer within {@code timeout}
     */
    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, String bootstrap,
            Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new CommandFailure(ExitCode.USAGE, "no topic '" + topic + "' at " + bootstrap + " (topics: "
                    + String.join(", ", new TreeSet<>(consumer.listTopics(timeout).keySet())) + ")");
        }
        List<TopicPartition> all = new ArrayList<>(infos.size());
        for (PartitionInfo p : infos) {
            all.add(new TopicPartition(topic, p.partition()));
        }
        return all;
    }

    private static boolean accepts(HostPort server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What a failure while opening a reader of {@code topic} becomes, after closing its consumer at once: a broker
     * that does not answer within {@code timeout} or a Kafka error as a one-line {@link CommandFailure}
     * ({@link ExitCode#FAILURE}), anything else as it was. For {@code catch (RuntimeException e) { throw ...; }}.
     */
    public static RuntimeException openFailure(KafkaConsumer<?, ?> consumer, RuntimeException e, String bootstrap,
            String topic, Duration timeout) {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
        if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new CommandFailure(ExitCode.FAILURE, "the Kafka broker at " + bootstrap + " did not answer within "
                    + timeout.toSeconds() + " s (" + e.getMessage() + ")");
        }
        if (e instanceof org.apache.kafka.common.KafkaException) {
            return new CommandFailure(ExitCode.FAILURE, "cannot read topic '" + topic + "' at " + bootstrap + ": " + e);
        }
        return e;
    }
}
