package io.stream4flow.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesOnlyTheCellsThatNeedIt() {
        String csv = Csv.render(List.of("JOB", "DESCRIPTION"), List.of(List.of("portscan", "scans, horizontal"),
                List.of("sql", "SELECT \"x\" FROM flows"), List.of("plain", "")));
        assertThat(csv).isEqualTo("JOB,DESCRIPTION\nportscan,\"scans, horizontal\"\nsql,\"SELECT \"\"x\"\" FROM flows\"\n"
                + "plain,\n");
    }

    @Test
    void refusesARowOfAnotherWidth() {
        assertThatThrownBy(() -> Csv.render(List.of("A", "B"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1 cells for 2 columns");
    }
}
