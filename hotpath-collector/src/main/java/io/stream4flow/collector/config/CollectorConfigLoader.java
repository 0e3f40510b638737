package io.stream4flow.collector.config;

import io.stream4flow.collector.config.ConfigKeys.Key;
import io.stream4flow.collector.live.CollectorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link CollectorConfig} from the YAML configuration file and the command-line flags of
 * {@code s4fctl collector run}. Every key is documented, with its default, in
 * {@code collector-example.yaml} beside this class.
 *
 * <p>Start: {@link CollectorConfig#defaults()}; then each key present in the file replaces one
 * setting; then each flag given ({@link Overrides}) replaces one setting again. Anything refused
 * is a {@link ConfigException} with a one-line message naming the file, the key and the value.
 * Relative paths in the file are relative to the file's directory; in flags, to the working
 * directory; {@code ~/} is the home directory in both.
 *
 * <p>Stateless and thread-safe. Parsing never resolves host names.
 */
public final class CollectorConfigLoader {
    /** Files larger than this (bytes) are refused before being read. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private CollectorConfigLoader() { }

    /** {@code ~/.stream4flow/collector.yaml}, read by {@code s4fctl collector run} when it exists. */
    public static Path defaultFile() {
        return Paths.get(System.getProperty("user.home"), ".stream4flow", "collector.yaml");
    }

    /** Every documented key, dotted ({@code ring.size}), in the order of the example file. */
    public static List<String> keys() {
        return ConfigKeys.KEYS.stream().map(Key::path).toList();
    }

    /**
     * Reads {@code file} over the defaults.
     *
     * @throws ConfigException for any refused content; its message names {@code file} as given
     * @throws IOException when the file cannot be read
     */
    public static CollectorConfig load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ConfigException("", file + ": " + size + " bytes is too large for a configuration file");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir);
    }

    /**
     * Parses YAML text over the defaults.
     *
     * @param source the name used in messages (the file name)
     * @param base the directory relative paths are resolved against
     * @throws ConfigException for bad YAML, unknown keys and refused values
     */
    public static CollectorConfig parse(String source, String yaml, Path base) {
        return apply(CollectorConfig.defaults(), source, yaml, base);
    }

    /** Parses YAML text over {@code start} rather than the defaults; see {@link #parse}. */
    public static CollectorConfig apply(CollectorConfig start, String source, String yaml, Path base) {
        Object root = YamlDocument.load(source, yaml, MAX_FILE_BYTES);
        CollectorConfig.Builder b = start.toBuilder();
        if (root != null) {
            if (!(root instanceof Map<?, ?> map)) {
                throw new ConfigException("", source + ": expected a mapping of keys ("
                        + String.join(", ", names("")) + "), got " + Value.show(root));
            }
            section(map, "", source, base, b);
        }
        return checked(b, source);
    }

    /**
     * Applies the flags that were given over {@code config}; relative paths are resolved against
     * the working directory.
     *
     * @throws ConfigException naming the flag ({@code --listen: 'udp//x' is not ...})
     */
    public static CollectorConfig withOverrides(CollectorConfig config, Overrides flags) {
        CollectorConfig.Builder b = config.toBuilder();
        Path cwd = Paths.get("").toAbsolutePath();
        if (!flags.listen().isEmpty()) {
            flag("listen", "--listen", flags.listen(), cwd, b);
        }
        if (flags.output() != null) {
            flag("output", "--output", flags.output(), cwd, b);
        }
        if (flags.statsJson() != null) {
            flag("stats-json", "--stats-json", flags.statsJson(), cwd, b);
        }
        if (flags.metrics() != null) {
            flag("metrics.listen", "--metrics", flags.metrics(), cwd, b);
        }
        if (!flags.allow().isEmpty()) {
            flag("allow", "--allow", flags.allow(), cwd, b);
        }
        return checked(b, null);
    }

    /**
     * The configuration as YAML in the layout of the example file, every key present; loading it
     * gives {@code config} back.
     */
    public static String toYaml(CollectorConfig config) {
        StringBuilder s = new StringBuilder();
        String section = "";
        for (Key k : ConfigKeys.KEYS) {
            if (!k.section().equals(section)) {
                section = k.section();
                if (!section.isEmpty()) {
                    s.append(section).append(":\n");
                }
            }
            String indent = section.isEmpty() ? "" : "  ";
            s.append(indent).append(k.name()).append(':');
            Object v = k.get().apply(config);
            if (v instanceof List<?> items) {
                if (items.isEmpty()) {
                    s.append(" []\n");
                } else {
                    s.append('\n');
                    items.forEach(i -> s.append(indent).append("  - ").append(i).append('\n'));
                }
            } else {
                s.append(' ').append(v).append('\n');
            }
        }
        return s.toString();
    }

    /**
     * The values of the flags of {@code s4fctl collector run}; null (or an empty list) where the
     * flag was not given. A repeated flag's values replace the file's list as a whole.
     */
    public record Overrides(List<String> listen, String output, String statsJson, String metrics, List<String> allow) {
        public Overrides {
            listen = listen == null ? List.of() : List.copyOf(listen);
            allow = allow == null ? List.of() : List.copyOf(allow);
        }

        /** No flag given. */
        public static Overrides none() {
            return new Overrides(List.of(), null, null, null, List.of());
        }
    }

    private static void flag(String key, String flag, Object value, Path cwd, CollectorConfig.Builder b) {
        ConfigKeys.key(key).set().accept(new Value(null, flag, value, cwd), b);
    }

    /** Applies one mapping: {@code prefix} is {@code ""} at the top, else the section name. */
    private static void section(Map<?, ?> map, String prefix, String source, Path base, CollectorConfig.Builder b) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            Value v = new Value(source, path, e.getValue(), base);
            if (!(e.getKey() instanceof String) || !names(prefix).contains(name)) {
                throw new ConfigException(path, source + ": unknown key '" + path + "' (known: "
                        + String.join(", ", names(prefix)) + ")");
            }
            if (isKey(path)) {
                ConfigKeys.key(path).set().accept(v, b);
            } else if (e.getValue() instanceof Map<?, ?> inner) {
                section(inner, path, source, base, b);
            } else if (path.equals("metrics") && e.getValue() != null) {
                ConfigKeys.key("metrics.listen").set().accept(v, b);    // "metrics: off" or "metrics: HOST:PORT"
            } else if (e.getValue() != null) {
                throw v.fail("expected a mapping (keys: " + String.join(", ", names(path)) + "), got "
                        + Value.show(e.getValue()));
            }
        }
    }

    private static boolean isKey(String path) {
        return ConfigKeys.KEYS.stream().anyMatch(k -> k.path().equals(path));
    }

    /** Names allowed directly under {@code prefix}: keys and section names. */
    private static List<String> names(String prefix) {
        Set<String> out = new LinkedHashSet<>();
        for (Key k : ConfigKeys.KEYS) {
            if (prefix.isEmpty()) {
                out.add(k.section().isEmpty() ? k.path() : k.section());
            } else if (k.section().equals(prefix)) {
                out.add(k.name());
            }
        }
        return new ArrayList<>(out);
    }

    /** Checks that involve more than one key, then builds. */
    private static CollectorConfig checked(CollectorConfig.Builder b, String source) {
        CollectorConfig c = b.build();
        if (c.output().getScheme() != null && c.output().getScheme().equals("kafka")
                && c.kafkaBatchBytes() > c.kafkaBufferBytes()) {
            String where = source == null ? "" : source + ": ";
            throw new ConfigException("kafka.batch", where + "kafka.batch: " + Units.formatBytes(c.kafkaBatchBytes())
                    + " is larger than kafka.buffer (" + Units.formatBytes(c.kafkaBufferBytes()) + ")");
        }
        c.kafkaLogin().validated(source == null ? "" : source + ": ");
        if (c.kafkaLogin().passwordFile() != null) {
            SecretFile.read(c.kafkaLogin().passwordFile(), (source == null ? "" : source + ": ")
                    + "kafka.password-file");
        }
        return c;
    }
}
