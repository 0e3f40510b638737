package io.stream4flow.cli.config;

import io.stream4flow.cli.job.JobMaster;
import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.cli.stack.StackSettings;
import io.stream4flow.collector.config.ConfigException;
import io.stream4flow.collector.config.KafkaLogin;
import io.stream4flow.collector.config.SecretFile;
import io.stream4flow.collector.net.HostPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the stack's services are and how {@code s4fctl} logs in to them, merged from (first wins): a command-line
 * option ({@link #with}), the environment ({@code S4F_KAFKA_BOOTSTRAP}; a secret also from the file named by
 * {@code S4F_KAFKA_PASSWORD_FILE}), {@code <home>/config.yaml} ({@code kafka.password_file}, then the value itself,
 * which for a secret is accepted only when the file is private to its owner), the local stack's ports
 * ({@code stack.properties}), and the built-in defaults. Every value is checked when the configuration is made: a bad
 * one is a {@link ConfigException} naming the key and where the value came from.
 */
public final class ClientConfig {
    /** The name of the configuration file in the home directory. */
    public static final String FILE = "config.yaml";

    /** A value and where it came from ({@code env S4F_KAFKA_BOOTSTRAP}, {@code config.yaml}, {@code stack}, ...). */
    public record Setting(String value, String source) { }

    private static final Set<String> PROTOCOLS = Set.copyOf(KafkaLogin.PROTOCOLS);
    private static final Set<String> MECHANISMS = Set.copyOf(KafkaLogin.MECHANISMS);

    private final Path file;
    private final Map<ConfigKey, Setting> settings;

    private ClientConfig(Path file, Map<ConfigKey, Setting> settings) {
        this.file = file;
        this.settings = settings;
        validate();
    }

    /** The configuration of {@code home} and this process's environment. */
    public static ClientConfig load(StackHome home) {
        return load(home, System.getenv());
    }

    static ClientConfig load(StackHome home, Map<String, String> env) {
        Path path = home.root().resolve(FILE);
        ConfigFile yaml = ConfigFile.read(path);
        StackSettings stack = StackSettings.load(home);
        Map<ConfigKey, String> stackValues = Map.of(
                ConfigKey.KAFKA_BOOTSTRAP, stack.kafkaBootstrap(),
                ConfigKey.ELASTICSEARCH_URL, stack.elasticsearchUrl(),
                ConfigKey.SPARK_MASTER, stack.master(),
                ConfigKey.COLLECTOR_METRICS, stack.metricsAddress());
        Map<ConfigKey, Setting> out = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            Setting s = fromEnv(k, env);
            if (s == null) {
                s = fromFile(k, yaml);
            }
            if (s == null && stackValues.containsKey(k)) {
                s = new Setting(stackValues.get(k), "stack");
            }
            if (s == null && k == ConfigKey.KAFKA_SECURITY_PROTOCOL) {
                s = new Setting("PLAINTEXT", "default");
            }
            if (s != null) {
                out.put(k, s);
            }
        }
        return new ClientConfig(path, out);
    }

    /** The same configuration with {@code key} set to {@code value} by {@code option}; a null value changes nothing. */
    public ClientConfig with(ConfigKey key, String value, String option) {
        if (value == null) {
            return this;
        }
        Map<ConfigKey, Setting> next = new EnumMap<>(settings);
        next.put(key, new Setting(value, option));
        return new ClientConfig(file, next);
    }

    /** The file read (it may not exist). */
    public Path file() {
        return file;
    }

    /** The setting of {@code key}, or null when it has none. */
    public Setting setting(ConfigKey key) {
        return settings.get(key);
    }

    /** Every key that has a value, in the order of {@link ConfigKey}. */
    public Map<ConfigKey, Setting> settings() {
        return Collections.unmodifiableMap(settings);
    }

    public String sparkMaster() {
        return value(ConfigKey.SPARK_MASTER);
    }

    /** The address of the collector's metrics endpoint ({@code http://HOST:PORT/metrics}). */
    public HostPort collectorMetrics() {
        return HostPort.parse(value(ConfigKey.COLLECTOR_METRICS));
    }

    /** How to reach and log in to Kafka. */
    public KafkaEndpoint kafka() {
        return new KafkaEndpoint(value(ConfigKey.KAFKA_BOOTSTRAP), value(ConfigKey.KAFKA_SECURITY_PROTOCOL),
                value(ConfigKey.KAFKA_SASL_MECHANISM), value(ConfigKey.KAFKA_USERNAME), value(ConfigKey.KAFKA_PASSWORD),
                path(ConfigKey.KAFKA_TRUSTSTORE), value(ConfigKey.KAFKA_TRUSTSTORE_PASSWORD));
    }

    /** How to reach and log in to Elasticsearch. */
    public ElasticsearchEndpoint elasticsearch() {
        return new ElasticsearchEndpoint(value(ConfigKey.ELASTICSEARCH_URL), value(ConfigKey.ELASTICSEARCH_USERNAME),
                value(ConfigKey.ELASTICSEARCH_PASSWORD), path(ConfigKey.ELASTICSEARCH_CA));
    }

    private String value(ConfigKey key) {
        Setting s = settings.get(key);
        return s == null ? null : s.value();
    }

    private Path path(ConfigKey key) {
        String v = value(key);
        return v == null ? null : Path.of(v);
    }

    private static Setting fromEnv(ConfigKey k, Map<String, String> env) {
        String v = env.get(k.env());
        if (v != null && !v.isEmpty()) {
            return new Setting(v, "env " + k.env());
        }
        String f = env.get(k.env() + "_FILE");
        if (k.secret() && f != null && !f.isEmpty()) {
            return new Setting(SecretFile.read(Path.of(f), k.env() + "_FILE"), "env " + k.env() + "_FILE");
        }
        return null;
    }

    private static Setting fromFile(ConfigKey k, ConfigFile yaml) {
        String f = k.secret() ? yaml.get(k.fileKey()) : null;
        if (f != null) {
            return new Setting(SecretFile.read(Path.of(f), k.fileKey()), FILE + " " + k.fileKey());
        }
        String v = yaml.get(k.key());
        if (v == null) {
            return null;
        }
        if (k.secret()) {
            SecretFile.requirePrivate(yaml.path(), k.key(), ", or put the secret in a file of its own named by "
                    + k.fileKey() + " or " + k.env() + "_FILE");
        }
        return new Setting(v, FILE);
    }

    private void validate() {
        for (String b : value(ConfigKey.KAFKA_BOOTSTRAP).split(",")) {
            try {
                HostPort.parse(b.strip());
            } catch (IllegalArgumentException e) {
                throw refused(ConfigKey.KAFKA_BOOTSTRAP, e.getMessage());
            }
        }
        String protocol = value(ConfigKey.KAFKA_SECURITY_PROTOCOL);
        if (!PROTOCOLS.contains(protocol)) {
            throw refused(ConfigKey.KAFKA_SECURITY_PROTOCOL, "'" + protocol + "' is not one of " + String.join(", ",
                    PROTOCOLS.stream().sorted().toList()));
        }
        boolean sasl = protocol.startsWith("SASL_");
        String mechanism = value(ConfigKey.KAFKA_SASL_MECHANISM);
        if (mechanism != null && !MECHANISMS.contains(mechanism)) {
            throw refused(ConfigKey.KAFKA_SASL_MECHANISM, "'" + mechanism + "' is not one of " + String.join(", ",
                    MECHANISMS.stream().sorted().toList()));
        }
        for (ConfigKey k : new ConfigKey[] {ConfigKey.KAFKA_SASL_MECHANISM, ConfigKey.KAFKA_USERNAME,
                ConfigKey.KAFKA_PASSWORD}) {
            if (!sasl && settings.containsKey(k)) {
                throw refused(k, "set, but kafka.security_protocol is " + protocol + " (SASL_SSL or SASL_PLAINTEXT "
                        + "log in with it)");
            }
        }
        if (sasl && (!settings.containsKey(ConfigKey.KAFKA_USERNAME) || !settings.containsKey(ConfigKey.KAFKA_PASSWORD))) {
            throw refused(ConfigKey.KAFKA_SECURITY_PROTOCOL, protocol + " needs kafka.username and kafka.password");
        }
        if (!protocol.endsWith("SSL") && settings.containsKey(ConfigKey.KAFKA_TRUSTSTORE)) {
            throw refused(ConfigKey.KAFKA_TRUSTSTORE, "set, but kafka.security_protocol is " + protocol
                    + " (no TLS)");
        }
        requireFile(ConfigKey.KAFKA_TRUSTSTORE);
        String url = value(ConfigKey.ELASTICSEARCH_URL);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw refused(ConfigKey.ELASTICSEARCH_URL, "'" + url + "' is not an http:// or https:// URL");
        }
        if (settings.containsKey(ConfigKey.ELASTICSEARCH_USERNAME)
                != settings.containsKey(ConfigKey.ELASTICSEARCH_PASSWORD)) {
            throw refused(settings.containsKey(ConfigKey.ELASTICSEARCH_USERNAME) ? ConfigKey.ELASTICSEARCH_USERNAME
                    : ConfigKey.ELASTICSEARCH_PASSWORD, "elasticsearch.username and elasticsearch.password go together");
        }
        if (url.startsWith("http://") && settings.containsKey(ConfigKey.ELASTICSEARCH_CA)) {
            throw refused(ConfigKey.ELASTICSEARCH_CA, "set, but elasticsearch.url is http:// (no TLS)");
        }
        requireFile(ConfigKey.ELASTICSEARCH_CA);
        String master = value(ConfigKey.SPARK_MASTER);
        if (!JobMaster.wellFormed(master)) {
            throw refused(ConfigKey.SPARK_MASTER, "'" + master + "' is not local, local[N], local[*] or "
                    + "spark://HOST:PORT");
        }
        try {
            HostPort.parse(value(ConfigKey.COLLECTOR_METRICS));
        } catch (IllegalArgumentException e) {
            throw refused(ConfigKey.COLLECTOR_METRICS, e.getMessage());
        }
    }

    private void requireFile(ConfigKey key) {
        Path p = path(key);
        if (p != null && !Files.isRegularFile(p)) {
            throw refused(key, "no file " + p);
        }
    }

    /** The message names the option when the value came from one ({@code --es: ...}), else the key and its source. */
    private ConfigException refused(ConfigKey key, String why) {
        String source = settings.get(key).source();
        String where = source.startsWith("--") ? source : key.key() + " (" + source + ")";
        return new ConfigException(key.key(), where + ": " + why);
    }
}
