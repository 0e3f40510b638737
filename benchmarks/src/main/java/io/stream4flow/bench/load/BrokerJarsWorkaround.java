package io.stream4flow.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works around a gap in local-stack's broker classpath (its {@code kafka-broker.classpath} resource is
 * built with {@code includeScope=compile}, which leaves out kafka-clients' runtime dependencies
 * lz4-java, zstd-jni and snappy-java): the broker then fails every compressed produce request with
 * {@code NoClassDefFoundError: net/jpountz/lz4/LZ4Exception}, and the collector compresses with lz4
 * by default. When the resource lacks lz4-java, this sets {@code s4f.kafka.classpath} (KafkaBroker's
 * documented override) to the resource's jars plus the runtime dependencies that kafka-clients' pom
 * in the local Maven repository names. Does nothing once local-stack includes them, or when the
 * property is set already.
 */
final class BrokerJarsWorkaround {
    private static final String RESOURCE = "io/stream4flow/localstack/kafka-broker.classpath";
    private static final String PROPERTY = "s4f.kafka.classpath";
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    private BrokerJarsWorkaround() { }

    static void applyIfNeeded(Log log) throws IOException {
        if (System.getProperty(PROPERTY) != null || System.getenv("S4F_KAFKA_CLASSPATH") != null) {
            return;
        }
        String entries;
        try (InputStream in = BrokerJarsWorkaround.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return;
            }
            entries = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (entries.contains("lz4-java")) {
            return;
        }
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<String> jars = new ArrayList<>();
        Path clientsPom = null;
        for (String e : entries.trim().split("[:;\\s]+")) {
            Path jar = repo.resolve(e.replaceFirst("^M2_REPO/", ""));
            if (!Files.isRegularFile(jar)) {
                return; // let KafkaBroker explain what is missing
            }
            jars.add(jar.toString());
            if (jar.getFileName().toString().startsWith("kafka-clients-")) {
                clientsPom = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
            }
        }
        if (clientsPom == null || !Files.isRegularFile(clientsPom)) {
            return;
        }
        List<String> added = new ArrayList<>();
        Matcher m = DEPENDENCY.matcher(Files.readString(clientsPom));
        while (m.find()) {
            String d = m.group(1);
            if (!"runtime".equals(tag(d, "scope"))) {
                continue;
            }
            String g = tag(d, "groupId");
            String a = tag(d, "artifactId");
            String v = tag(d, "version");
            Path jar = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + ".jar");
            if (Files.isRegularFile(jar)) {
                jars.add(jar.toString());
                added.add(a + "-" + v);
            }
        }
        if (!added.isEmpty()) {
            System.setProperty(PROPERTY, String.join(":", jars));
            log.info("local-stack's broker classpath lacks kafka-clients' runtime jars: adding " + added
                    + " (via -D" + PROPERTY + ")");
        }
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }
}
