package io.stream4flow.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A real Elasticsearch node (single-node cluster {@value ElasticsearchConfig#CLUSTER_NAME}, HTTP without TLS or
 * passwords) on this machine, for {@code s4fctl up} and for integration tests, from the integ-test zip that the
 * build puts in the local Maven repository (no network at run time).
 *
 * <pre>{@code
 * try (ElasticsearchNode es = ElasticsearchNode.builder().httpPort(0).build().start()) {
 *     HttpRequest.newBuilder(URI.create(es.httpUrl() + "/_bulk")) ...
 * }
 * }</pre>
 *
 * <p>Files, under the data directory (default {@value #ROOT_HOME} when this JVM runs as root, else
 * {@code ~/.stream4flow/elasticsearch}): {@code dist-<version>/} (the unpacked distribution, once, unless
 * {@link Builder#distributionDir} puts it elsewhere), {@code config/} (rewritten at every start), {@code data/},
 * {@code logs/} (the node's own log files), {@code tmp/}, {@code launcher/}, {@code elasticsearch.pid}, and
 * {@code elasticsearch.log} (the node's console output, truncated at every start) unless {@link Builder#logFile}
 * names another file.
 *
 * <p>Root: Elasticsearch refuses to run as root, so a root JVM runs it as the system user
 * {@value ServerUser#ES_USER} (created with {@code useradd --system} the first time), which gets ownership of
 * {@code config/ data/ logs/ tmp/ launcher/}; the distribution stays root's, world-readable. That user must be able
 * to enter every folder above the data directory, which {@code /root} (mode 700) forbids: hence the default
 * {@value #ROOT_HOME} for root, and a {@link LocalStackException} naming the folder for a data directory it cannot
 * reach.
 *
 * <p>Process: the node's command-line launcher ({@code org.elasticsearch.launcher.CliToolLauncher}, started directly
 * with {@code java}, not through {@code bin/elasticsearch}) runs the server JVM as its child; the server exits when
 * the launcher does. With {@link Builder#stopWithThisJvm} (the default) the launcher runs under
 * {@link io.stream4flow.localstack.launcher.ParentWatchdog} and a shutdown hook stops it, so the node stops when this JVM exits or is killed, even by
 * {@code kill -9}. Without it the node outlives this JVM; a later {@link #start()} on the same data directory
 * reuses it, and {@link #stopRunning(Path)} stops it from any process.
 *
 * <p>Thread safety: all methods may be called from any thread; {@code start} and {@code stop} are serialized.
 */
public final class ElasticsearchNode implements AutoCloseable {

    /** Default HTTP port of the local stack (ARCHITECTURE.md, "Names and ports"). */
    public static final int DEFAULT_HTTP_PORT = 9200;

    /** The default data directory when this JVM runs as root. */
    public static final String ROOT_HOME = "/var/lib/stream4flow/elasticsearch";

    static final String PID_FILE = "elasticsearch.pid";

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration REUSE_PROBE = Duration.ofSeconds(2);

    private final Builder config;

    private volatile Process process;
    private volatile RunningServer reused;
    private volatile int boundHttpPort;
    private volatile Duration startDuration = Duration.ZERO;
    private Thread shutdownHook;

    private ElasticsearchNode(Builder config) {
        this.config = config;
    }

    /** The distribution's zip, checked to exist ({@link ElasticsearchDistribution}): what a deployment copies. */
    public static Path distributionZip() {
        return ElasticsearchDistribution.zip();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@value #ROOT_HOME} when this JVM runs as root, else {@code ~/.stream4flow/elasticsearch}. */
    public static Path defaultDataDir() {
        return ServerUser.isRoot() ? Paths.get(ROOT_HOME)
                : Paths.get(System.getProperty("user.home"), ".stream4flow", "elasticsearch");
    }

    /** The Elasticsearch version of the distribution this build bundles ({@code 8.19.21}). */
    public static String distributionVersion() {
        return ElasticsearchDistribution.version();
    }

    /**
     * The node that a previous {@link #start()} left running on {@code dataDir} (its pid file names a live
     * Elasticsearch launcher of that data directory), whether or not it answers yet; empty if there is none.
     */
    public static Optional<RunningServer> findRunning(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        return RunningServer.fromPidFile(dir.resolve(PID_FILE), hostOf(dir), commandMarker(dir.resolve("config")));
    }

    /** Whether the node found by {@link #findRunning} answers its health check within 2 s. */
    public static boolean isHealthy(RunningServer node) {
        return ElasticsearchHealth.isHealthy(httpUrl(node.host(), node.port()), REUSE_PROBE);
    }

    /**
     * Stops the node left running on {@code dataDir} (SIGTERM, up to 30 s, then SIGKILL) and deletes its pid file.
     * Blocks the calling thread until it is gone. Returns whether one was running.
     */
    public static boolean stopRunning(Path dataDir) {
        Optional<RunningServer> running = findRunning(dataDir);
        running.ifPresent(node -> node.stop(STOP_GRACE));
        RunningServer.deleteQuietly(dataDir.toAbsolutePath().resolve(PID_FILE));
        return running.isPresent();
    }

    /**
     * Starts the node and waits until {@code GET /_cluster/health?wait_for_status=yellow} answers, at most
     * {@link Builder#startTimeout}; the first start also unpacks the distribution (a few seconds). Does nothing when
     * it runs already. When a node left by an earlier run is running on this data directory, it is reused rather
     * than started twice (and this object's {@link #stop()} stops it); if it does not answer within the start
     * timeout it is taken for hung and stopped first.
     *
     * <p>On failure nothing this call started is left running, and the {@link LocalStackException} says why in a
     * sentence: port in use, not enough memory, Java not found, data directory not reachable by the server user,
     * the node exiting during start-up (naming the log file and quoting its last lines), or a timeout.
     *
     * @return this node
     */
    public synchronized ElasticsearchNode start() {
        if (isRunning()) {
            return this;
        }
        long startNanos = System.nanoTime();
        Path dataDir = config.dataDir.toAbsolutePath().normalize();
        Path conf = dataDir.resolve("config");
        if (config.security != null) {
            stopRunning(dataDir); // restarted, so that it reads this run's key and user
        } else if (reuseEarlierNode(dataDir, startNanos)) {
            return this;
        }
        Path java = ChildJvm.javaExecutable(config.javaHome);
        ElasticsearchConfig.requireMemory(ElasticsearchConfig.heapBytes(config.heap), Paths.get("/proc/meminfo"));
        int httpPort = config.httpPort;
        int transportPort = config.transportPort;
        int[] free = Ports.freePorts(config.host, 2);
        if (httpPort == 0) {
            httpPort = free[0];
        } else if (config.checkPorts) {
            Ports.requireFree(config.host, httpPort, "Elasticsearch (HTTP)");
        }
        if (transportPort == 0) {
            transportPort = free[1] != httpPort ? free[1] : free[0];
        } else if (config.checkPorts) {
            Ports.requireFree(config.host, transportPort, "Elasticsearch (transport)");
        }

        ServerUser user = ServerUser.forElasticsearch();
        Path home = distributionDir(dataDir);
        user.requireCanReach(conf, "data directory");
        user.requireCanReach(home.resolve("lib"), "distribution");
        user.ensureExists();
        ElasticsearchDistribution.unpackOnce(ElasticsearchDistribution.zip(), home);

        Path logFile = logFile();
        List<Path> owned = List.of(conf, dataDir.resolve("data"), dataDir.resolve("logs"), dataDir.resolve("tmp"),
                dataDir.resolve("launcher"));
        try {
            for (Path dir : owned) {
                Files.createDirectories(dir);
            }
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new LocalStackException("cannot create the Elasticsearch data directory " + dataDir + ": " + e, e);
        }
        Map<String, String> settings = ElasticsearchConfig.settings(config.host, httpPort, transportPort,
                dataDir.resolve("data"), dataDir.resolve("logs"));
        if (config.security != null) {
            ElasticsearchSecurity.addSettings(settings);
        }
        ElasticsearchConfig.write(home, conf, settings, config.heap);
        if (config.security != null) {
            ElasticsearchSecurity.writeFiles(conf, config.security);
        }
        if (config.stopWithThisJvm) {
            ChildJvm.writeWatchdogClass(dataDir.resolve("launcher"));
        }
        owned.forEach(user::own);

        Process started = ElasticsearchLauncher.start(user, java, config.javaHome, home, conf, dataDir, logFile,
                config.stopWithThisJvm);
        process = started;
        boundHttpPort = httpPort;
        if (config.stopWithThisJvm) {
            registerShutdownHook();
        }
        try {
            RunningServer.writePidFile(dataDir.resolve(PID_FILE), started.pid(), httpPort);
            ElasticsearchHealth.awaitReady(httpUrl(), started.toHandle(),
                    startNanos + config.startTimeout.toNanos(), config.startTimeout, logFile, config.security);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        startDuration = Duration.ofNanos(System.nanoTime() - startNanos);
        return this;
    }

    /** {@code http://host:port} of the node ({@code https://} with {@link Builder#security}), no trailing slash; valid once {@link #start()} has returned. */
    public String httpUrl() {
        String url = httpUrl(config.host, httpPort());
        return config.security == null ? url : "https" + url.substring("http".length());
    }

    /** The HTTP port (the chosen one when the builder said 0); valid while running. */
    public int httpPort() {
        if (!isRunning()) {
            throw new IllegalStateException("the Elasticsearch node is not running: " + this);
        }
        return boundHttpPort;
    }

    /**
     * Stops the node (this object's, or the earlier run's one it reused): SIGTERM (a clean shutdown, about a
     * second), and a kill if it still runs after 30 s. Idempotent; safe when {@link #start()} failed or never ran.
     * Blocks the calling thread until the node's processes are gone.
     */
    public synchronized void stop() {
        Process running = process;
        RunningServer earlier = reused;
        if (running != null) {
            RunningServer.stop(running.toHandle(), STOP_GRACE);
        } else if (earlier != null) {
            earlier.stop(STOP_GRACE);
        }
        if (running != null || earlier != null) {
            process = null;
            reused = null;
            RunningServer.deleteQuietly(config.dataDir.toAbsolutePath().normalize().resolve(PID_FILE));
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

    /** Whether the node's launcher process is alive (it may not answer yet while {@link #start()} runs). */
    public boolean isRunning() {
        Process running = process;
        RunningServer earlier = reused;
        return running != null ? running.isAlive() : earlier != null && earlier.isAlive();
    }

    /** Whether {@link #start()} found a node of an earlier run and reused it instead of starting one. */
    public boolean isReused() {
        return reused != null && isRunning();
    }

    /** Process id of the node's launcher (the server JVM is its child); -1 when not running. */
    public long pid() {
        Process running = process;
        RunningServer earlier = reused;
        return running != null ? running.pid() : earlier != null ? earlier.pid() : -1;
    }

    /** How long the last successful {@link #start()} took (unpacking included; a reuse takes milliseconds). */
    public Duration startDuration() {
        return startDuration;
    }

    public Path dataDir() {
        return config.dataDir;
    }

    /** The node's console output (and the launcher's errors). */
    public Path logFile() {
        return config.logFile != null ? config.logFile
                : config.dataDir.toAbsolutePath().normalize().resolve("elasticsearch.log");
    }

    @Override
    public String toString() {
        return "ElasticsearchNode[" + config.host + ":" + (boundHttpPort != 0 ? boundHttpPort : config.httpPort)
                + ", data " + config.dataDir + (isRunning() ? isReused() ? ", reused" : ", running" : "") + "]";
    }

    private boolean reuseEarlierNode(Path dataDir, long startNanos) {
        Optional<RunningServer> found = findRunning(dataDir);
        if (found.isEmpty()) {
            return false;
        }
        RunningServer earlier = found.get();
        String url = httpUrl(earlier.host(), earlier.port());
        long deadline = startNanos + config.startTimeout.toNanos();
        while (!ElasticsearchHealth.isHealthy(url, REUSE_PROBE)) {
            if (!earlier.isAlive() || System.nanoTime() > deadline) {
                earlier.stop(STOP_GRACE); // hung, or died meanwhile: start afresh
                RunningServer.deleteQuietly(dataDir.resolve(PID_FILE));
                return false;
            }
        }
        if (config.httpPort != 0 && config.httpPort != earlier.port()) {
            throw new LocalStackException("An Elasticsearch node of an earlier run is running on the data directory "
                    + dataDir + " at " + url + " (pid " + earlier.pid() + "), not on the requested port "
                    + config.httpPort + "; use that port, or stop it first (ElasticsearchNode.stopRunning, or kill "
                    + earlier.pid() + ").");
        }
        reused = earlier;
        boundHttpPort = earlier.port();
        startDuration = Duration.ofNanos(System.nanoTime() - startNanos);
        return true;
    }

    private Path distributionDir(Path dataDir) {
        return config.distributionDir != null ? config.distributionDir.toAbsolutePath().normalize()
                : dataDir.resolve("dist-" + ElasticsearchDistribution.version());
    }

    private void registerShutdownHook() {
        if (shutdownHook != null) {
            return;
        }
        // Not stop(): that is synchronized, and start() may hold the lock while this JVM exits.
        shutdownHook = new Thread(() -> {
            Process running = process;
            if (running != null) {
                RunningServer.stop(running.toHandle(), Duration.ofSeconds(10));
            }
        }, "stream4flow-elasticsearch-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static String commandMarker(Path conf) {
        return "-Des.path.conf=" + conf;
    }

    private static String httpUrl(String host, int port) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code network.host} of the node's last configuration, {@code 127.0.0.1} if there is none. */
    private static String hostOf(Path dataDir) {
        try {
            for (String line : Files.readAllLines(dataDir.resolve("config").resolve("elasticsearch.yml"))) {
                if (line.startsWith("network.host:")) {
                    return line.substring("network.host:".length()).trim().replace("\"", "");
                }
            }
        } catch (IOException e) {
            // no configuration yet
        }
        return "127.0.0.1";
    }

    /**
     * Settings of an {@link ElasticsearchNode}; every one has a default suited to {@code s4fctl up} on a laptop.
     * Not thread-safe; {@link #build()} copies nothing, so do not change a builder after building from it.
     */
    public static final class Builder {

        private Path dataDir = defaultDataDir();
        private Path distributionDir;
        private String host = "127.0.0.1";
        private int httpPort = DEFAULT_HTTP_PORT;
        private int transportPort;
        private String heap = "512m";
        private Path logFile;
        private Duration startTimeout = Duration.ofSeconds(90);
        private Path javaHome = Paths.get(System.getProperty("java.home"));
        private boolean stopWithThisJvm = true;
        private boolean checkPorts = true;
        private ServerSecurity security;

        private Builder() {
        }

        /**
         * Where the node keeps its configuration, data, logs and (by default) the unpacked distribution; default
         * {@link ElasticsearchNode#defaultDataDir()}. When this JVM is root, the user {@value ServerUser#ES_USER}
         * must be able to enter every folder above it, or {@code start()} fails saying which one it cannot.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Where the distribution is unpacked (once; any version-specific folder, shared by several data directories
         * is fine); default {@code <dataDir>/dist-<version>}.
         */
        public Builder distributionDir(Path dir) {
            this.distributionDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Address of both the HTTP and the transport listener ({@code network.host}); default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** HTTP port; default 9200; 0 picks a free port at each start. */
        public Builder httpPort(int port) {
            this.httpPort = checkPort(port);
            return this;
        }

        /** Transport (node-to-node) port; default 0: a free port at each start. */
        public Builder transportPort(int port) {
            this.transportPort = checkPort(port);
            return this;
        }

        /** Heap of the node, both {@code -Xms} and {@code -Xmx} ({@code 512m}, {@code 1g}); default 512m. */
        public Builder heap(String heap) {
            if (!heap.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap must look like 512m or 1g: " + heap);
            }
            this.heap = heap;
            return this;
        }

        /** The node's console output; default {@code <dataDir>/elasticsearch.log}. Truncated at every start. */
        public Builder logFile(Path file) {
            this.logFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** How long {@link ElasticsearchNode#start()} waits for a healthy node, unpacking included; default 90 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The Java (17+) that runs the node ({@code ES_JAVA_HOME}); default this JVM's {@code java.home}. */
        public Builder javaHome(Path home) {
            this.javaHome = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * Whether the node stops when this JVM exits or dies (default true). When false, it outlives this JVM; a
         * later {@code start()} on the same data directory reuses it, {@link ElasticsearchNode#stopRunning(Path)}
         * stops it.
         */
        public Builder stopWithThisJvm(boolean stop) {
            this.stopWithThisJvm = stop;
            return this;
        }

        /**
         * HTTPS and one user ({@link ElasticsearchSecurity}); default none (HTTP without authentication). A node
         * left running by an earlier run is not reused then but restarted.
         */
        public Builder security(ServerSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Tests only: skip the check that fixed ports are free, to see how the node itself fails. */
        Builder checkPortsBeforeStart(boolean check) {
            this.checkPorts = check;
            return this;
        }

        /** A node with these settings, not started. */
        public ElasticsearchNode build() {
            return new ElasticsearchNode(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }
    }
}
