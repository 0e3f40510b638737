package io.stream4flow.collector.config;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * How every configuration file of Stream4Flow is read as YAML: the core schema, no duplicate or recursive keys,
 * few aliases, a size limit; a syntax error is a {@link ConfigException} naming the file, line and column.
 */
public final class YamlDocument {
    private YamlDocument() { }

    /**
     * @param source the file's name in messages
     * @param maxCodePoints the longest document read
     * @return the document: a {@code Map}, {@code List}, scalar or {@code null} (empty)
     */
    public static Object load(String source, String yaml, int maxCodePoints) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(10)
                .setCodePointLimit(maxCodePoints)
                .build();
        try {
            return new Load(settings).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            String at = e.getProblemMark()
                    .map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ")
                    .orElse("");
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ConfigException("", source + ": " + at + "not valid YAML: " + oneLine(problem));
        } catch (YamlEngineException e) {
            throw new ConfigException("", source + ": not valid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
