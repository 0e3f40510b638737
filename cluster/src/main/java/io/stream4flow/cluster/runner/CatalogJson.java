package io.stream4flow.cluster.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

import io.stream4flow.cluster.jobs.JobCatalog;
import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParameter;

/**
 * The job catalog as one JSON document, what {@code JobRunner --list-jobs} prints for {@code s4fctl job list}
 * (whose JVM does not have the jobs' classes):
 *
 * <pre>
 * {"jobs": [{"name": "portscan", "description": "...", "output": "alerts", "default": true,
 *            "parameters": [{"name": "window", "type": "duration", "default": "1m", "required": false,
 *                            "description": "..."}, ...]}, ...]}
 * </pre>
 *
 * {@code output} is {@code statistics}, {@code alerts} or {@code profiles}; {@code default} whether the job runs
 * when none is named; a parameter's {@code default} is its raw text, or {@code null} when it has none; {@code type}
 * the lower-case name of {@link JobParameter.Type}.
 */
public final class CatalogJson {
    private CatalogJson() {
    }

    /** The document for {@code catalog}; {@code defaults} are the names of the jobs that run when none is named. */
    public static String of(JobCatalog catalog, Set<String> defaults) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode jobs = root.putArray("jobs");
        for (JobDefinition d : catalog.all()) {
            ObjectNode j = jobs.addObject();
            j.put("name", d.name());
            j.put("description", d.description());
            j.put("output", d.output().name().toLowerCase(java.util.Locale.ROOT));
            j.put("default", defaults.contains(d.name()));
            ArrayNode params = j.putArray("parameters");
            for (JobParameter p : d.parameters()) {
                ObjectNode o = params.addObject();
                o.put("name", p.name());
                o.put("type", p.type().name().toLowerCase(java.util.Locale.ROOT));
                o.put("default", p.defaultValue());
                o.put("required", p.required());
                o.put("description", p.description());
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the catalog as JSON", e);
        }
    }
}
