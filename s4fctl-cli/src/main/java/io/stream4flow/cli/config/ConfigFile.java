package io.stream4flow.cli.config;

import io.stream4flow.collector.config.ConfigException;
import io.stream4flow.collector.config.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The YAML file of the client configuration read as {@code section.key → text}: sections {@code kafka},
 * {@code elasticsearch}, {@code spark}, {@code collector}, each a mapping of {@link ConfigKey}s (and
 * {@code <secret>_file} keys). An unknown section or key, or a value that is not a scalar, is a
 * {@link ConfigException} naming the file and the key. A missing file is an empty configuration.
 */
final class ConfigFile {
    private static final int MAX_BYTES = 1 << 16;

    private final Path path;
    private final Map<String, String> values;

    private ConfigFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    static ConfigFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            return new ConfigFile(path, Map.of());
        }
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new ConfigException("", path + ": larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object root = YamlDocument.load(path.toString(), text, MAX_BYTES);
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null) {
            return new ConfigFile(path, values);
        }
        if (!(root instanceof Map<?, ?> sections)) {
            throw new ConfigException("", path + ": expected a mapping of sections (" + String.join(", ", sections())
                    + ")");
        }
        for (Map.Entry<?, ?> s : sections.entrySet()) {
            String section = String.valueOf(s.getKey());
            if (!sections().contains(section)) {
                throw new ConfigException(section, path + ": unknown section '" + section + "' (known: "
                        + String.join(", ", sections()) + ")");
            }
            if (s.getValue() == null) {
                continue;
            }
            if (!(s.getValue() instanceof Map<?, ?> keys)) {
                throw new ConfigException(section, path + ": " + section + ": expected a mapping (keys: "
                        + String.join(", ", keys(section)) + ")");
            }
            for (Map.Entry<?, ?> k : keys.entrySet()) {
                String key = section + "." + k.getKey();
                if (!keys(section).contains(key)) {
                    throw new ConfigException(key, path + ": unknown key '" + key + "' (known: "
                            + String.join(", ", keys(section)) + ")");
                }
                Object v = k.getValue();
                if (v instanceof Map || v instanceof List) {
                    throw new ConfigException(key, path + ": " + key + ": expected a single value");
                }
                if (v != null) {
                    values.put(key, v.toString());
                }
            }
        }
        return new ConfigFile(path, values);
    }

    Path path() {
        return path;
    }

    /** The text of {@code key} (a {@link ConfigKey#key()} or a {@link ConfigKey#fileKey()}), or null. */
    String get(String key) {
        return values.get(key);
    }

    private static List<String> sections() {
        Set<String> out = new LinkedHashSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            out.add(k.key().substring(0, k.key().indexOf('.')));
        }
        return new ArrayList<>(out);
    }

    private static List<String> keys(String section) {
        List<String> out = new ArrayList<>();
        for (ConfigKey k : ConfigKey.values()) {
            if (k.key().startsWith(section + ".")) {
                out.add(k.key());
                if (k.secret()) {
                    out.add(k.fileKey());
                }
            }
        }
        return out;
    }
}
