package io.stream4flow.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kafka broker's classpath: {@code kafka_2.13} with its runtime dependencies and an slf4j binding, as jar files
 * in the local Maven repository.
 *
 * <p>The build writes the list ({@value #CLASSPATH_RESOURCE}, entries like
 * {@code M2_REPO/org/apache/kafka/kafka_2.13/4.4.0/kafka_2.13-4.4.0.jar} separated by {@code :}) with
 * {@code maven-dependency-plugin:build-classpath}; the same build downloads the jars. {@code M2_REPO} is the first
 * of these repositories that holds every jar: {@code -Dmaven.repo.local}, the repository of the build (recorded in
 * {@value #BUILD_RESOURCE}), {@code ~/.m2/repository}.
 *
 * <p>Override: {@code -Ds4f.kafka.classpath=} (or the environment variable {@code S4F_KAFKA_CLASSPATH}) naming a
 * directory of jars (for instance one filled by {@code mvn dependency:copy-dependencies}) or a classpath string.
 */
final class BrokerClasspath {

    static final String CLASSPATH_RESOURCE = "io/stream4flow/localstack/kafka-broker.classpath";
    static final String BUILD_RESOURCE = "io/stream4flow/localstack/kafka-broker.properties";
    static final String OVERRIDE_PROPERTY = "s4f.kafka.classpath";
    static final String OVERRIDE_ENV = "S4F_KAFKA_CLASSPATH";
    static final String REPO_MARKER = "M2_REPO/";

    private static final String HOW_TO_BUILD = "run `mvn -pl local-stack -am install -DskipTests` in the Stream4Flow "
            + "repository (it downloads the broker's jars into the local Maven repository), or point -D"
            + OVERRIDE_PROPERTY + " at a directory holding them";

    private BrokerClasspath() {
    }

    /** The broker's jars, every one of which exists; a {@link LocalStackException} saying how to fix it if not. */
    static List<Path> resolve() {
        String override = System.getProperty(OVERRIDE_PROPERTY, System.getenv(OVERRIDE_ENV));
        if (override != null && !override.isBlank()) {
            return fromOverride(override.trim());
        }
        ClassLoader loader = BrokerClasspath.class.getClassLoader();
        String entries = readResource(loader, CLASSPATH_RESOURCE);
        if (entries == null) {
            throw new LocalStackException("Kafka broker classpath not found: the resource " + CLASSPATH_RESOURCE
                    + " is missing from " + codeSource() + " (built without the local-stack module's pom?). To fix: "
                    + HOW_TO_BUILD + ".");
        }
        Properties build = new Properties();
        String buildText = readResource(loader, BUILD_RESOURCE);
        if (buildText != null) {
            try {
                build.load(new java.io.StringReader(buildText));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable " + BUILD_RESOURCE, e);
            }
        }
        return inRepositories(entries, candidateRepositories(build.getProperty("build.localRepository")));
    }

    /** The local repositories to try, in order, without duplicates. */
    static List<Path> candidateRepositories(String buildRepository) {
        Set<Path> repos = new LinkedHashSet<>();
        String explicit = System.getProperty("maven.repo.local");
        if (explicit != null && !explicit.isBlank()) {
            repos.add(Paths.get(explicit).toAbsolutePath().normalize());
        }
        if (buildRepository != null && !buildRepository.isBlank() && !buildRepository.contains("${")) {
            repos.add(Paths.get(buildRepository).toAbsolutePath().normalize());
        }
        repos.add(Paths.get(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath().normalize());
        return new ArrayList<>(repos);
    }

    /**
     * The entries of a classpath file, each {@code M2_REPO/...} resolved in the first repository that has them
     * all.
     */
    static List<Path> inRepositories(String entries, List<Path> repositories) {
        List<String> relative = new ArrayList<>();
        for (String entry : entries.trim().split("[:;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.startsWith(REPO_MARKER)) {
                throw new LocalStackException("Kafka broker classpath " + CLASSPATH_RESOURCE + " has an entry outside"
                        + " the local repository: " + entry + ". To fix: " + HOW_TO_BUILD + ".");
            }
            relative.add(entry.substring(REPO_MARKER.length()));
        }
        if (relative.isEmpty()) {
            throw new LocalStackException("Kafka broker classpath " + CLASSPATH_RESOURCE + " is empty. To fix: "
                    + HOW_TO_BUILD + ".");
        }
        String firstMissing = null;
        int fewestMissing = Integer.MAX_VALUE;
        Path closest = null;
        for (Path repository : repositories) {
            List<Path> jars = new ArrayList<>(relative.size());
            int missing = 0;
            String missingHere = null;
            for (String entry : relative) {
                Path jar = repository.resolve(entry);
                if (Files.isRegularFile(jar)) {
                    jars.add(jar);
                } else {
                    missing++;
                    missingHere = missingHere == null ? jar.toString() : missingHere;
                }
            }
            if (missing == 0) {
                return jars;
            }
            if (missing < fewestMissing) {
                fewestMissing = missing;
                firstMissing = missingHere;
                closest = repository;
            }
        }
        throw new LocalStackException("Kafka broker jars not found: " + fewestMissing + " of " + relative.size()
                + " are missing from the local Maven repository " + closest + " (for example " + firstMissing
                + "; also looked in " + repositories + "). To fix: " + HOW_TO_BUILD + ".");
    }

    private static List<Path> fromOverride(String override) {
        Path dir = Paths.get(override);
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new LocalStackException("cannot list " + dir + " (-D" + OVERRIDE_PROPERTY + "): " + e, e);
            }
        } else {
            for (String entry : override.split(File.pathSeparator)) {
                Path jar = Paths.get(entry);
                if (!Files.exists(jar)) {
                    throw new LocalStackException("Kafka broker classpath entry not found: " + jar + " (from -D"
                            + OVERRIDE_PROPERTY + " or " + OVERRIDE_ENV + ")");
                }
                jars.add(jar);
            }
        }
        if (jars.isEmpty()) {
            throw new LocalStackException("Kafka broker classpath not found: no jar in " + dir + " (from -D"
                    + OVERRIDE_PROPERTY + " or " + OVERRIDE_ENV + ")");
        }
        return jars;
    }

    private static String readResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalStackException("cannot read the resource " + name + ": " + e.getMessage(), e);
        }
    }

    private static String codeSource() {
        var source = BrokerClasspath.class.getProtectionDomain().getCodeSource();
        return source == null ? "the classpath" : String.valueOf(source.getLocation());
    }
}
