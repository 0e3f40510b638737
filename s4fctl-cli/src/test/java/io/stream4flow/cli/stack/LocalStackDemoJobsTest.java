package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cluster.jobs.HostProfileJob;
import io.stream4flow.cluster.jobs.JobCatalog;
import io.stream4flow.cluster.jobs.JobDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jobs {@code up --demo} asks the job runner for. */
class LocalStackDemoJobsTest {

    @Test
    void theDemoNamesEveryJobOfTheCatalogButTheHostProfiles() {
        List<String> catalog = new ArrayList<>();
        for (JobDefinition job : JobCatalog.builtIn().all()) {
            catalog.add(job.name());
        }
        catalog.remove(HostProfileJob.NAME);
        assertThat(LocalStack.DEMO_JOBS).containsExactlyInAnyOrderElementsOf(catalog);
        List<String> args = LocalStack.demoJobs(List.of("--param", "portscan.min-targets=50"));
        assertThat(args).hasSize(2 * catalog.size());
        for (int i = 0; i < args.size(); i += 2) {
            assertThat(args.get(i)).isEqualTo("--job");
            assertThat(catalog).contains(args.get(i + 1));
        }
    }

    @Test
    void jobsTheOperatorNamesReplaceTheDemosChoice() {
        assertThat(LocalStack.demoJobs(List.of("--job", "ddos"))).isEmpty();
        assertThat(LocalStack.demoJobs(List.of("--job=tls"))).isEmpty();
    }
}
