package io.stream4flow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration folder ({@code ES_PATH_CONF}) of a local Elasticsearch node, rewritten at every start:
 * {@code elasticsearch.yml}, {@code jvm.options} and {@code log4j2.properties} copied from the distribution, and
 * {@code jvm.options.d/heap.options}.
 *
 * <p>The settings are the ones the integ-test distribution accepts (tried on 8.19.21): it has the x-pack-security
 * module, which would switch on TLS and passwords by itself, so {@code xpack.security.enabled: false}; an unknown
 * setting makes the node refuse to start. Stateless; any thread.
 */
final class ElasticsearchConfig {

    static final String CLUSTER_NAME = "stream4flow";

    private ElasticsearchConfig() {
    }

    /** The {@code elasticsearch.yml} settings of a single local node, in file order. */
    static Map<String, String> settings(String host, int httpPort, int transportPort, Path data, Path logs) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster.name", CLUSTER_NAME);
        settings.put("node.name", "s4f-local");
        settings.put("network.host", host);
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("transport.port", Integer.toString(transportPort));
        settings.put("path.data", data.toString());
        settings.put("path.logs", logs.toString());
        settings.put("discovery.type", "single-node");
        // a laptop disk over 90 % full would otherwise turn every index read-only
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        settings.put("action.auto_create_index", "true");
        // the integ-test zip has x-pack-security: left on, it switches HTTP to TLS with a generated password
        settings.put("xpack.security.enabled", "false");
        settings.put("xpack.ml.enabled", "false");
        return settings;
    }

    /**
     * Writes {@code conf} from the distribution {@code home} and {@code settings}, with {@code -Xms} = {@code -Xmx}
     * = {@code heap} (as {@code 512m}). A {@link LocalStackException} if it cannot.
     */
    static void write(Path home, Path conf, Map<String, String> settings, String heap) {
        try {
            Files.createDirectories(conf.resolve("jvm.options.d"));
            for (String file : new String[] {"jvm.options", "log4j2.properties"}) {
                Files.copy(home.resolve("config").resolve(file), conf.resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            StringBuilder yml = new StringBuilder("# written by Stream4Flow's local stack at every start\n");
            settings.forEach((key, value) -> yml.append(key).append(": ").append(quote(value)).append('\n'));
            Files.writeString(conf.resolve("elasticsearch.yml"), yml, StandardCharsets.UTF_8);
            Files.writeString(conf.resolve("jvm.options.d").resolve("heap.options"),
                    "-Xms" + heap + "\n-Xmx" + heap + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new LocalStackException("cannot write the Elasticsearch configuration in " + conf + ": " + e, e);
        }
    }

    /**
     * Throws a {@link LocalStackException} when {@code /proc/meminfo} says less than {@code heapBytes} + 300 MB is
     * available (the node's resident size is about its heap plus 250 MB, its launcher 100 MB more). Does nothing
     * where {@code /proc/meminfo} cannot be read.
     */
    static void requireMemory(long heapBytes, Path meminfo) {
        long availableKb = -1;
        try {
            for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemAvailable:")) {
                    availableKb = Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        long neededMb = heapBytes / (1024 * 1024) + 300;
        if (availableKb >= 0 && availableKb / 1024 < neededMb) {
            throw new LocalStackException("Not enough memory to start Elasticsearch: it needs about " + neededMb
                    + " MB (its heap of " + heapBytes / (1024 * 1024) + " MB and about 300 MB more) but only "
                    + availableKb / 1024 + " MB are available (MemAvailable in " + meminfo + "); free some memory or"
                    + " give a smaller heap(...).");
        }
    }

    /** Bytes of a heap size as {@code -Xmx} takes it: {@code 512m}, {@code 1g}, {@code 65536k}, {@code 1073741824}. */
    static long heapBytes(String heap) {
        char unit = Character.toLowerCase(heap.charAt(heap.length() - 1));
        long multiplier = unit == 'k' ? 1024L : unit == 'm' ? 1024L * 1024 : unit == 'g' ? 1024L * 1024 * 1024 : 1;
        String digits = Character.isDigit(unit) ? heap : heap.substring(0, heap.length() - 1);
        return Long.parseLong(digits) * multiplier;
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9_./:-]+") ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"";
    }
}
