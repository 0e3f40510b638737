package io.stream4flow.cluster.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.cluster.jobs.JobCatalog;
import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --job all}, the defaults, and --local-net handed to the jobs that take one. */
class JobPlanTest {
    private final JobCatalog catalog = JobCatalog.builtIn();

    private static boolean needsLocalNet(JobDefinition d) {
        return d.parameters().stream().anyMatch(p -> p.required() && p.name().equals("local-net"));
    }

    @Test
    void allIsEveryJobTheOptionsAllow() {
        Map<JobDefinition, ?> withNet = JobPlan.of(catalog, List.of("all"), List.of(), "10.0.0.0/8", List.of());
        assertThat(withNet.keySet()).containsExactlyElementsOf(catalog.all());
        Map<JobDefinition, ?> without = JobPlan.of(catalog, List.of("all", "portscan"), List.of(), null, List.of());
        assertThat(without.keySet()).isNotEmpty().noneMatch(JobPlanTest::needsLocalNet)
                .containsExactlyElementsOf(catalog.all().stream().filter(d -> !needsLocalNet(d)).toList());
    }

    @Test
    void defaultIsTheDefaultsAlsoBesideOtherJobs() {
        List<JobDefinition> defaults = catalog.defaults(true);
        assertThat(JobPlan.of(catalog, List.of(), List.of(), "10.0.0.0/8", defaults).keySet())
                .containsExactlyElementsOf(defaults);
        assertThat(JobPlan.of(catalog, List.of("default", "ddos"), List.of(), "10.0.0.0/8", defaults).keySet())
                .hasSize(defaults.size() + 1).containsAll(defaults).contains(catalog.get("ddos"));
    }

    @Test
    void theLocalNetGoesToEveryJobThatTakesOneAndParamsWin() {
        var plan = JobPlan.of(catalog, List.of("hosts", "ddos", "protocols"), List.of("ddos.local-net=192.0.2.0/24"),
                "10.0.0.0/8", List.of());
        plan.forEach((job, params) -> {
            boolean takes = job.parameters().stream().map(JobParameter::name).anyMatch("local-net"::equals);
            assertThat(params.has("local-net")).as(job.name()).isEqualTo(takes);
        });
        assertThat(plan.get(catalog.get("ddos")).cidrs("local-net").toString()).contains("192.0.2.0");
        assertThat(plan.get(catalog.get("hosts")).cidrs("local-net").toString()).contains("10.0.0.0");
        assertThatThrownBy(() -> JobPlan.of(catalog, List.of("nosuch"), List.of(), null, List.of()))
                .hasMessageStartingWith("unknown job nosuch");
    }
}
