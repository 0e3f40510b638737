package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The jobs {@code up --demo} asks the job runner for (what {@code all} expands to: JobPlanTest in the cluster). */
class LocalStackDemoJobsTest {

    @Test
    void theDemoAsksForEveryJobUnlessTheOperatorNamesJobs() {
        assertThat(LocalStack.demoJobs(List.of("--param", "portscan.min-targets=50"))).containsExactly("--job", "all");
        assertThat(LocalStack.demoJobs(List.of("--job", "ddos"))).isEmpty();
        assertThat(LocalStack.demoJobs(List.of("--job=tls"))).isEmpty();
    }
}
