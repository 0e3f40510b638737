package io.stream4flow.cluster.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in jobs by name: {@code protocols}, {@code hosts}, {@code topn}, {@code portscan},
 * {@code ssh_bruteforce}, {@code dns_external_resolver}, {@code dns_open_resolver}, {@code reflected_ddos},
 * {@code ddos}, {@code dns}, {@code tls}, {@code host_profile},
 * {@code pattern_finder}. Immutable.
 */
public final class JobCatalog {

    private final Map<String, JobDefinition> jobs = new LinkedHashMap<>();

    private JobCatalog(List<JobDefinition> definitions) {
        definitions.forEach(d -> jobs.put(d.name(), d));
    }

    /** The catalog of built-in jobs. */
    public static JobCatalog builtIn() {
        return new JobCatalog(List.of(new ProtocolsJob(), new HostsJob(), new TopNJob(), new PortscanJob(),
                new SshBruteforceJob(), new DnsExternalResolverJob(), new DnsOpenResolverJob(),
                new ReflectedDdosJob(), new DdosJob(), new DnsStatsJob(),
                new TlsClassificationJob(), new HostProfileJob(), new PatternFinderJob()));
    }

    /** Every job, in catalog order. */
    public List<JobDefinition> all() {
        return List.copyOf(jobs.values());
    }

    /**
     * The job called {@code name}.
     *
     * @throws IllegalArgumentException one line naming the job and the known ones when there is none
     */
    public JobDefinition get(String name) {
        JobDefinition d = jobs.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown job " + name + " (known: " + String.join(", ", jobs.keySet())
                    + ")");
        }
        return d;
    }

    /**
     * The jobs that run when none is named: protocols, topn, portscan, and hosts when a local network is given
     * (hosts cannot run without one). The other detections run when named: each is a query of its own that reads
     * and parses the topic once more, which the default set on two cores cannot afford yet.
     */
    public List<JobDefinition> defaults(boolean localNetGiven) {
        List<JobDefinition> out = new ArrayList<>();
        for (JobDefinition d : jobs.values()) {
            if (DEFAULTS.contains(d.name()) && (!d.name().equals(HostsJob.NAME) || localNetGiven)) {
                out.add(d);
            }
        }
        return out;
    }

    private static final Set<String> DEFAULTS = Set.of(ProtocolsJob.NAME, HostsJob.NAME,
            TopNJob.NAME, PortscanJob.NAME);
}
