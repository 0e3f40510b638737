package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsStatusTest {
    @Test
    void readsTheMicroBatchFieldsAndTheOlderLinesWithoutThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(JobsStatus.FILE);
        Files.writeString(file, "topn\trunning\t7\t51.5\t60.0\t1764000000000\t900\t\t412\t2026-12-02T16:00:00.000Z"
                + "\t1763999999000\n"
                + "protocols\tstopped\t3\t0.0\t0.0\t1764000000000\t10\t\n");
        JobsStatus s = JobsStatus.read(file).orElseThrow();
        JobsStatus.Job topn = s.jobs().get(0);
        assertThat(topn.batch()).isEqualTo(7);
        assertThat(topn.inputRowsPerSecond()).isEqualTo(51.5);
        assertThat(topn.batchMillis()).isEqualTo(412);
        assertThat(topn.watermark()).isEqualTo("2026-12-02T16:00:00.000Z");
        assertThat(topn.progressMillis()).isEqualTo(1763999999000L);
        JobsStatus.Job old = s.jobs().get(1);
        assertThat(old.state()).isEqualTo("stopped");
        assertThat(old.batchMillis()).isZero();
        assertThat(old.watermark()).isEmpty();
        assertThat(old.progressMillis()).isZero();
    }
}
