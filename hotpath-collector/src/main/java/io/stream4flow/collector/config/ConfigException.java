package io.stream4flow.collector.config;

/**
 * A configuration value that is refused: unknown key, bad syntax, out of range. The message is one
 * line that names the source (file or flag), the key and the bad value, e.g.
 * {@code collector.yaml: ring.size: 1000 is not a power of two} or
 * {@code collector.yaml: unknown key 'ring.sise' (known: size, slot-bytes)}.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key as written in the message: {@code ring.size}, {@code listen[1]}, {@code --listen}. */
    public String key() {
        return key;
    }
}
