package io.stream4flow.cli.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.collector.PrometheusText.Sample;
import io.stream4flow.cli.collector.ExporterTable.Column;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsReportTest {

    @Test
    void columnsArePickedByTheWordsOfTheName() {
        assertThat(ExporterTable.match("s4f_collector_datagrams_total")).isEqualTo(Column.DATAGRAMS);
        assertThat(ExporterTable.match("s4f_collector_exporter_received_datagrams_total")).isEqualTo(Column.DATAGRAMS);
        assertThat(ExporterTable.match("s4f_collector_flows_total")).isEqualTo(Column.RECORDS);
        assertThat(ExporterTable.match("s4f_collector_received_bytes_total")).isEqualTo(Column.BYTES);
        assertThat(ExporterTable.match("s4f_collector_held_bytes")).isEqualTo(Column.HELD);
        assertThat(ExporterTable.match("s4f_collector_sequence_lost_records_total")).isEqualTo(Column.SEQUENCE_LOST);
        assertThat(ExporterTable.match("s4f_collector_decode_errors_total")).isEqualTo(Column.ERRORS);
        assertThat(ExporterTable.match("s4f_collector_active_templates")).isEqualTo(Column.TEMPLATES);
        assertThat(ExporterTable.match("s4f_collector_messages_total")).isNull();
        assertThat(ExporterTable.match("s4f_collector_recordsx_total")).isNull();
    }

    @Test
    void theFirstNameOfAColumnOwnsItAndTheOthersAreListed() {
        List<Sample> samples = List.of(
                new Sample("s4f_collector_templates_total", Map.of("exporter", "a"), 4),
                new Sample("s4f_collector_templates_expired_total", Map.of("exporter", "a"), 1));

        String table = StatsReport.table(samples);

        assertThat(table).startsWith("EXPORTER  TEMPLATES\na                 4\n")
                .contains("s4f_collector_templates_expired_total{exporter=\"a\"}      1");
    }

    @Test
    void numbersAndLabelsAreWrittenAsServed() {
        assertThat(StatsReport.number(3)).isEqualTo("3");
        assertThat(StatsReport.number(1.7e6)).isEqualTo("1700000");
        assertThat(StatsReport.number(0.25)).isEqualTo("0.25");
        assertThat(StatsReport.number(Double.NaN)).isEqualTo("NaN");
        assertThat(StatsReport.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(StatsReport.labels(Map.of("a", "x\"y\\z\n"))).isEqualTo("{a=\"x\\\"y\\\\z\\n\"}");
        assertThat(StatsReport.json(List.of(new Sample("m", Map.of(), Double.POSITIVE_INFINITY))))
                .isEqualTo("{\"metrics\":[{\"name\":\"m\",\"labels\":{},\"value\":null}]}\n");
    }
}
