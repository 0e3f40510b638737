package io.stream4flow.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.TmuxSession;
import io.stream4flow.localstack.LoopbackPorts;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s4fctl replay} on a terminal (tmux) draws a progress bar with count, rate and ETA on stderr while it sends,
 * then its summary; off a terminal there is none ({@link ReplayCommandTest}: stderr is the summary line alone).
 */
@Timeout(120)
class ReplayProgressTest {
    /** {@code replay  40% [====>     ] 80/200 datagrams (0:00:02 / 0:00:03) 40.0 datagrams/s}. */
    private static final Pattern BAR = Pattern.compile("replay +\\d+% \\[[=> ]*] \\d+/200 datagrams "
            + "\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) [0-9.]+ datagrams/s");

    @Test
    void aTerminalShowsTheBarWithRateAndEtaThenTheSummary(@TempDir Path dir) throws Exception {
        String to = "udp://127.0.0.1:" + LoopbackPorts.udp();
        try (TmuxSession t = TmuxSession.s4fctl(dir, "replay", "--to", to, "--rate", "40/s", "--loop", "200",
                CorpusFiles.file("ipfix_test_mikrotik_tpl.dat").toString())) {
            String during = t.await("the bar, part way", s -> BAR.matcher(s).find() && !s.contains("sent 200"));
            assertThat(during).doesNotContain("100%");
            String end = t.await("the summary", s -> s.contains("sent 200 datagrams"));
            assertThat(t.awaitExit()).isZero();
            // the summary has a line of its own, whole (the bar does not run into it)
            assertThat(end.lines().filter(l -> l.matches("sent 200 datagrams, \\d+ bytes to \\S+ in [0-9.]+ s .*"))
                    .count()).as(end).isEqualTo(1);
        }
    }
}
