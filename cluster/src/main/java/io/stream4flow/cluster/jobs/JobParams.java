package io.stream4flow.cluster.jobs;

import io.stream4flow.schema.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The validated parameters of one job, as produced by {@link JobDefinition#params(Map)}: every declared parameter
 * with a value (given or default), converted by its {@link JobParameter.Type}. Immutable; serializable values.
 */
public record JobParams(String job, Map<String, Object> values) {

    public JobParams {
        values = Map.copyOf(values);
    }

    /** Whether the parameter has a value (a default, or one given). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A {@link JobParameter.Type#DURATION} parameter. */
    public Duration duration(String name) {
        return (Duration) get(name);
    }

    /** A {@link JobParameter.Type#POSITIVE_INT} parameter. */
    public int integer(String name) {
        return (Integer) get(name);
    }

    /** A {@link JobParameter.Type#CIDR_LIST} parameter. */
    @SuppressWarnings("unchecked")
    public List<Cidr> cidrs(String name) {
        return (List<Cidr>) get(name);
    }

    /** A {@link JobParameter.Type#PORT_LIST} parameter. */
    @SuppressWarnings("unchecked")
    public List<Integer> ports(String name) {
        return (List<Integer>) get(name);
    }

    /** A {@link JobParameter.Type#NAME_LIST} parameter. */
    @SuppressWarnings("unchecked")
    public List<String> names(String name) {
        return (List<String>) get(name);
    }

    /** A {@link JobParameter.Type#FILE} parameter: the file's absolute path. */
    public String file(String name) {
        return (String) get(name);
    }

    /** A duration as Spark's interval text ({@code "10000 milliseconds"}), for window and watermark arguments. */
    public String interval(String name) {
        return duration(name).toMillis() + " milliseconds";
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("job " + job + ": parameter " + name + " has no value");
        }
        return v;
    }
}
