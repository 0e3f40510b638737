package io.stream4flow.localstack;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code server.properties} of a one-node Kafka cluster in KRaft combined mode (broker and controller in one
 * process), on loopback, with settings for tests and a laptop: replication 1 everywhere, one partition by default,
 * no rebalance delay.
 *
 * <p>The controller quorum is static ({@code controller.quorum.voters=1@host:controllerPort}), not the dynamic
 * quorum of {@code kafka-storage format --standalone}: a dynamic quorum records the controller's address in the
 * metadata log at format time, so a data directory could not be restarted on another port, and tests pick free
 * ports.
 */
final class KafkaServerProperties {

    static final int NODE_ID = 1;

    private KafkaServerProperties() {
    }

    /** The settings, overrides applied last (a {@code null} override value removes the setting). */
    static Map<String, String> of(String host, int port, int controllerPort, Path logDir,
            Map<String, String> overrides) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());

        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (override.getValue() == null) {
                p.remove(override.getKey());
            } else {
                p.put(override.getKey(), override.getValue());
            }
        }
        return p;
    }

    /** Writes {@code properties} to {@code file}, one {@code key=value} a line (values need no escaping here). */
    static void write(Map<String, String> properties, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# written by Stream4Flow local-stack at every start; edits are lost\n");
            for (Map.Entry<String, String> e : properties.entrySet()) {
                out.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
            }
            // the INTERNAL listener's password when secured: the owner's only
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new LocalStackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
