package io.stream4flow.localstack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.stream4flow.localstack.KafkaBroker;

/**
 * JUnit 5 extension giving integration tests one real Kafka broker, shared by every test class of the test JVM.
 *
 * <p>The broker starts lazily, on the first test class that uses the extension (so a run without such tests starts
 * nothing), on free ports, with a fresh temporary data directory. It stops when the JUnit run ends, and at the
 * latest when the JVM exits (or dies: see {@link KafkaBroker}); the data directory is then deleted. If it fails to
 * start, every test class using it fails with the same message (naming the broker's log) without trying again.
 *
 * <p>Use it through {@link KafkaIntegrationTest}, or {@code @ExtendWith(KafkaExtension.class)}; then either
 * declare a {@link KafkaBroker} parameter (test, lifecycle method or constructor) or call {@link #broker()}.
 * Tests share the broker: give each test its own topics ({@link #createTopic(String, int)}) and consumer groups,
 * and never stop it.
 *
 * <p>Thread safety: usable from tests running in parallel.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static KafkaBroker shared;
    private static Path sharedDataDir;
    private static RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        brokerForRun(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return brokerForRun(context);
    }

    private static KafkaBroker brokerForRun(ExtensionContext context) {
        KafkaBroker broker = broker();
        // closed by JUnit at the end of the whole run (the root context's store), before JVM exit
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StopAtEndOfRun.class, k -> new StopAtEndOfRun(),
                StopAtEndOfRun.class);
        return broker;
    }

    /**
     * The shared broker, started if it is not yet; a {@link io.stream4flow.localstack.LocalStackException} if it
     * cannot start.
     */
    public static synchronized KafkaBroker broker() {
        if (startFailure != null) {
            throw new IllegalStateException("the shared Kafka broker failed to start earlier in this run: "
                    + startFailure.getMessage(), startFailure);
        }
        if (shared == null) {
            try {
                sharedDataDir = Files.createTempDirectory("s4f-kafka-test-");
                KafkaBroker broker = KafkaBroker.builder()
                        .dataDir(sharedDataDir)
                        .port(0)
                        .heap("512m")
                        .build()
                        .start();
                shared = broker;
                System.out.printf("[local-stack] Kafka broker for the tests of this JVM started at %s in %d ms"
                        + " (log: %s)%n", broker.bootstrapServers(), broker.startDuration().toMillis(),
                        broker.logFile());
            } catch (IOException e) {
                startFailure = new IllegalStateException("cannot create a temporary directory for Kafka", e);
                throw startFailure;
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** {@code bootstrap.servers} of the shared broker (started if it is not yet). */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /**
     * Creates a topic on the shared broker with a name unique in this run, {@code <prefix>-<n>-<random>}, and
     * returns the name.
     */
    public static String createTopic(String prefix, int partitions) {
        String name = prefix + "-" + TOPICS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        broker().createTopic(name, partitions);
        return name;
    }

    /** Stops the shared broker and deletes its data; the next {@link #broker()} starts a new one. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
        if (sharedDataDir != null) {
            deleteRecursively(sharedDataDir);
            sharedDataDir = null;
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** Held in the root store: JUnit closes it when the run ends. */
    private static final class StopAtEndOfRun implements AutoCloseable {
        @Override
        public void close() {
            stopShared();
        }
    }
}
