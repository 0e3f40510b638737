package io.stream4flow.cli.stack;

import io.stream4flow.schema.Indices;
import io.stream4flow.localstack.ElasticsearchNode;
import io.stream4flow.localstack.LocalStackException;
import io.stream4flow.localstack.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The stack's Elasticsearch node ({@link ElasticsearchNode}: the integ-test distribution from Maven
 * Central, run as the system user {@code s4f-elastic} when {@code s4fctl} runs as root). Its data
 * directory is {@code <home>/elasticsearch}, except with the built-in home {@code ~/.stream4flow}, where it is
 * {@link ElasticsearchNode#defaultDataDir()}: {@value ElasticsearchNode#ROOT_HOME} for root (the server user
 * cannot enter {@code /root}), {@code ~/.stream4flow/elasticsearch} for anyone else. A home of one's own
 * ({@code --home}, {@code S4F_HOME}) must be enterable by that user when run as root (mode 755 on it and above).
 */
final class ElasticsearchComponent implements StackComponent {
    private final StackSettings settings;
    private final Path dataDir;
    private final boolean stopWithThisJvm;
    private volatile ElasticsearchNode node;

    ElasticsearchComponent(StackHome home, StackSettings settings, boolean stopWithThisJvm) {
        this.settings = settings;
        this.dataDir = home.equals(StackHome.builtIn()) ? ElasticsearchNode.defaultDataDir() : home.elasticsearch();
        this.stopWithThisJvm = stopWithThisJvm;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public void start() {
        ElasticsearchNode n = ElasticsearchNode.builder().dataDir(dataDir).httpPort(settings.elasticsearchPort())
                .heap(settings.elasticsearchHeap()).stopWithThisJvm(stopWithThisJvm).build();
        try {
            n.start();
        } catch (LocalStackException e) {
            throw new StackException("elasticsearch: " + e.getMessage(), e);
        }
        node = n;
    }

    @Override
    public boolean healthy() {
        return ElasticsearchNode.findRunning(dataDir).map(ElasticsearchNode::isHealthy).orElse(false);
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    public String where() {
        return settings.elasticsearchUrl() + " (indices " + Indices.pattern(Indices.STATS_PREFIX) + ", "
                + Indices.pattern(Indices.ALERTS_PREFIX) + ", " + Indices.pattern(Indices.HOSTS_PREFIX) + ")";
    }

    @Override
    public Path logFile() {
        return dataDir.resolve("elasticsearch.log");
    }

    @Override
    public Optional<ProcessHandle> process() {
        return ElasticsearchNode.findRunning(dataDir).map(RunningServer::pid).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive);
    }

    @Override
    public boolean stop() {
        ElasticsearchNode n = node;
        if (n != null && n.isRunning()) {
            n.stop();
            return true;
        }
        return ElasticsearchNode.stopRunning(dataDir);
    }
}
