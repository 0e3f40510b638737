package io.stream4flow.localstack;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link KafkaBroker}; every one has a default suited to {@code s4fctl up} on a laptop. Not
 * thread-safe; {@link #build()} copies nothing, so do not change a builder after building from it.
 */
public final class KafkaBrokerBuilder {
    Path dataDir = Paths.get(System.getProperty("user.home"), ".stream4flow", "kafka");
    String host = "127.0.0.1";
    int port = KafkaBroker.DEFAULT_PORT;
    int controllerPort;
    String heap = "512m";
    Path logFile;
    Duration startTimeout = Duration.ofSeconds(60);
    Path javaHome = Paths.get(System.getProperty("java.home"));
    boolean stopWithThisJvm = true;
    boolean checkPorts = true;
    ServerSecurity security;
    final List<String> jvmArgs = new ArrayList<>();
    final Map<String, String> serverProperties = new LinkedHashMap<>();

    KafkaBrokerBuilder() {
    }

    /** Where the broker keeps its data, config and log; default {@code ~/.stream4flow/kafka}. */
    public KafkaBrokerBuilder dataDir(Path dir) {
        this.dataDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Address of both listeners; default {@code 127.0.0.1}. */
    public KafkaBrokerBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /** Client (PLAINTEXT) port; default 9092; 0 picks a free port at each start. */
    public KafkaBrokerBuilder port(int port) {
        this.port = checkPort(port);
        return this;
    }

    /** KRaft controller port; default 0: a free port at each start. */
    public KafkaBrokerBuilder controllerPort(int port) {
        this.controllerPort = checkPort(port);
        return this;
    }

    /** Maximum heap of the broker JVM, as for {@code -Xmx} ({@code 512m}, {@code 1g}); default 512m. */
    public KafkaBrokerBuilder heap(String heap) {
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("heap must look like 512m or 1g: " + heap);
        }
        this.heap = heap;
        return this;
    }

    /** The broker's stdout and stderr; default {@code <dataDir>/kafka.log}. Truncated at every start. */
    public KafkaBrokerBuilder logFile(Path file) {
        this.logFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /** How long {@link KafkaBroker#start()} waits for the broker, format included; default 60 s. */
    public KafkaBrokerBuilder startTimeout(Duration timeout) {
        this.startTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** The Java (17+) that runs the broker; default this JVM's {@code java.home}. */
    public KafkaBrokerBuilder javaHome(Path home) {
        this.javaHome = Objects.requireNonNull(home, "home");
        return this;
    }

    /**
     * Whether the broker stops when this JVM exits or dies (default true). When false, the broker outlives
     * this JVM; a later
     * {@code start()} on the same data directory reuses it, {@link KafkaBroker#stopRunning(Path)} stops it.
     */
    public KafkaBrokerBuilder stopWithThisJvm(boolean stop) {
        this.stopWithThisJvm = stop;
        return this;
    }

    /** An extra option of the broker JVM, after the defaults (so {@code -Xmx} here wins). */
    public KafkaBrokerBuilder jvmArg(String arg) {
        this.jvmArgs.add(Objects.requireNonNull(arg, "arg"));
        return this;
    }

    /** A {@code server.properties} setting, over the defaults; a {@code null} value removes a default. */
    public KafkaBrokerBuilder serverProperty(String key, String value) {
        this.serverProperties.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /**
     * TLS and a login ({@link KafkaSecurity}): clients reach the broker over SASL_SSL with SCRAM-SHA-512 as
     * {@link ServerSecurity#user()}; default none (PLAINTEXT). A broker left running by an earlier run is not
     * reused then but restarted.
     */
    public KafkaBrokerBuilder security(ServerSecurity security) {
        this.security = Objects.requireNonNull(security, "security");
        return this;
    }

    /** Tests only: skip the check that fixed ports are free, to see how the broker itself fails. */
    KafkaBrokerBuilder checkPortsBeforeStart(boolean check) {
        this.checkPorts = check;
        return this;
    }

    /** A broker with these settings, not started. */
    public KafkaBroker build() {
        return new KafkaBroker(this);
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }
}
