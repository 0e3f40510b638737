package io.stream4flow.cluster.runner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stream4flow.cluster.jobs.HostProfileJob;
import io.stream4flow.cluster.jobs.HostsJob;
import io.stream4flow.cluster.jobs.JobCatalog;
import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParameter;
import io.stream4flow.cluster.jobs.JobParams;

/**
 * The jobs to run with their validated parameters, from the options every runner shares: {@code --job} (repeatable;
 * {@code all}: every job that can run with what is given, {@link #allRunnable}; {@code default}: the defaults),
 * {@code --param job.key=value} (repeatable) and {@code --local-net}, which every chosen job that declares a
 * {@code local-net} parameter takes unless a {@code --param} sets it.
 */
public final class JobPlan {
    /** The job name that stands for {@link #allRunnable}. */
    public static final String ALL = "all";
    /** The job name that stands for the defaults. */
    public static final String DEFAULT = "default";

    private JobPlan() {
    }

    /**
     * @param defaults the jobs when {@code jobs} is empty
     * @throws IllegalArgumentException one line naming the job and key for an unknown job or a bad parameter
     */
    public static Map<JobDefinition, JobParams> of(JobCatalog catalog, List<String> jobs, List<String> params,
            String localNet, List<JobDefinition> defaults) {
        Map<String, Map<String, String>> raw = new HashMap<>();
        for (String p : params) {
            int dot = p.indexOf('.');
            int eq = p.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new IllegalArgumentException("--param " + p + ": expected job.key=value");
            }
            String job = catalog.get(p.substring(0, dot)).name();
            raw.computeIfAbsent(job, k -> new HashMap<>()).put(p.substring(dot + 1, eq), p.substring(eq + 1));
        }
        List<JobDefinition> chosen = new ArrayList<>();
        for (String name : jobs.isEmpty() ? List.of(DEFAULT) : jobs) {
            List<JobDefinition> named = name.equals(ALL) ? allRunnable(catalog, localNet)
                    : name.equals(DEFAULT) ? defaults : List.of(catalog.get(name));
            named.stream().filter(d -> !chosen.contains(d)).forEach(chosen::add);
        }
        Map<JobDefinition, JobParams> plan = new LinkedHashMap<>();
        for (JobDefinition d : chosen) {
            Map<String, String> given = new HashMap<>(raw.getOrDefault(d.name(), Map.of()));
            if (localNet != null && takesLocalNet(d)) {
                given.putIfAbsent(HostsJob.LOCAL_NET, localNet);
            }
            plan.put(d, d.params(given));
        }
        return plan;
    }

    /**
     * Every job of the catalog that can run with what is given: those that need a local network only with
     * {@code localNet} (what {@code s4fctl analyze} runs by default).
     */
    public static List<JobDefinition> allRunnable(JobCatalog catalog, String localNet) {
        return catalog.all().stream().filter(d -> localNet != null || d.parameters().stream()
                .noneMatch(p -> p.required() && p.name().equals(HostsJob.LOCAL_NET))).toList();
    }

    private static boolean takesLocalNet(JobDefinition d) {
        return d.parameters().stream().map(JobParameter::name).anyMatch(HostsJob.LOCAL_NET::equals);
    }

    /** Alert documents to host-profile entries when {@code host_profile} runs, else null. */
    public static java.util.function.Function<org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>,
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> profileLinks(
            Map<JobDefinition, JobParams> plan) {
        for (Map.Entry<JobDefinition, JobParams> e : plan.entrySet()) {
            if (e.getKey().name().equals(HostProfileJob.NAME)) {
                JobParams p = e.getValue();
                return alerts -> HostProfileJob.alertLinks(alerts, p);
            }
        }
        return null;
    }
}
