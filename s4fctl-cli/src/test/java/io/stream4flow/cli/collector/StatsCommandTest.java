package io.stream4flow.cli.collector;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code s4fctl collector stats} against a small HTTP server that serves a sample metrics page. */
class StatsCommandTest {
    static final String SAMPLE = """
            # HELP s4f_collector_datagrams_total datagrams received
            # TYPE s4f_collector_datagrams_total counter
            s4f_collector_datagrams_total{exporter="192.0.2.1"} 1200
            s4f_collector_datagrams_total{exporter="2001:db8::7"} 5
            s4f_collector_records_total{exporter="192.0.2.1"} 35000
            s4f_collector_records_total{exporter="2001:db8::7"} 150
            s4f_collector_bytes_total{exporter="192.0.2.1"} 1.7e6
            s4f_collector_sequence_lost_total{exporter="192.0.2.1"} 12
            s4f_collector_errors_total{exporter="192.0.2.1",reason="v9_count_mismatch"} 2
            s4f_collector_errors_total{exporter="192.0.2.1",reason="missing_template"} 3
            s4f_collector_templates{exporter="192.0.2.1"} 4
            s4f_collector_held_bytes{exporter="2001:db8::7"} 512
            s4f_collector_held_sets_total{exporter="2001:db8::7"} 1

            s4f_collector_ring_full_drops_total 0
            s4f_collector_sink_records_total{sink="kafka",result="delivered"} 35150
            s4f_collector_uptime_seconds 12.5
            """;

    private HttpServer server;

    int serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(status, b.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aTableWithOneRowPerExporterThenEveryOtherMetric() throws IOException {
        int port = serve(200, SAMPLE);

        CliRun r = s4fctl("collector", "stats", "--metrics", "127.0.0.1:" + port);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                EXPORTER     DATAGRAMS  RECORDS    BYTES  SEQUENCE_LOST  ERRORS  TEMPLATES  HELD
                192.0.2.1         1200    35000  1700000             12       5          4     0
                2001:db8::7          5      150        0              0       0          0   512

                METRIC                                                             VALUE
                s4f_collector_held_sets_total{exporter="2001:db8::7"}                  1
                s4f_collector_ring_full_drops_total                                    0
                s4f_collector_sink_records_total{sink="kafka",result="delivered"}  35150
                s4f_collector_uptime_seconds                                        12.5
                """);
    }

    @Test
    void jsonHasEveryMetricWithItsLabels() throws IOException {
        int port = serve(200, SAMPLE);

        CliRun r = s4fctl("collector", "stats", "--metrics", "127.0.0.1:" + port, "--output", "json");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode metrics = new ObjectMapper().readTree(r.out()).get("metrics");
        assertThat(metrics).hasSize(14);
        JsonNode errors = metrics.get(7);
        assertThat(errors.get("name").asText()).isEqualTo("s4f_collector_errors_total");
        assertThat(errors.get("labels").get("exporter").asText()).isEqualTo("192.0.2.1");
        assertThat(errors.get("labels").get("reason").asText()).isEqualTo("missing_template");
        assertThat(errors.get("value").asLong()).isEqualTo(3);
        assertThat(metrics.get(13).get("value").asDouble()).isEqualTo(12.5);
        assertThat(metrics.get(11).get("name").asText()).isEqualTo("s4f_collector_ring_full_drops_total");
        assertThat(metrics.get(11).get("labels").size()).isZero();
    }

    @Test
    void noExportersYet() throws IOException {
        int port = serve(200, "s4f_collector_exporters 0\n");

        CliRun r = s4fctl("collector", "stats", "--metrics", "127.0.0.1:" + port);

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.lines()).containsExactly("no exporter has sent anything yet", "", "METRIC                   VALUE",
                "s4f_collector_exporters      0");
    }

    @Test
    void linesThatDoNotParseAreSkippedAndCounted() throws IOException {
        int port = serve(200, "s4f_collector_exporters 1\nthis is not a sample\nx{a=\"b\" 1\n");

        CliRun r = s4fctl("collector", "stats", "--metrics", "127.0.0.1:" + port, "--output", "json");

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("s4f_collector_exporters");
        assertThat(r.errLines()).containsExactly("s4fctl: 2 lines of the metrics page could not be read (skipped)");
    }

    @Test
    void nothingListeningIsOneLineAndExitThree() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }

        CliRun r = s4fctl("collector", "stats", "--metrics", "127.0.0.1:" + port);

        assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "s4fctl: no collector metrics at 127.0.0.1:" + port + " (is `s4fctl collector run` running?)");
    }

    @Test
    void anHttpErrorIsExitThree() throws IOException {
        int port = serve(503, "busy");

        CliRun r = s4fctl("collector", "stats", "--metrics", "127.0.0.1:" + port);

        assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.errLines()).containsExactly("s4fctl: http://127.0.0.1:" + port + "/metrics answered HTTP 503");
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun address = s4fctl("collector", "stats", "--metrics", "localhost");
        assertThat(address.code()).isEqualTo(ExitCode.USAGE);
        assertThat(address.errLines()).first().asString().startsWith("s4fctl: --metrics: 'localhost' is not HOST:PORT");

        CliRun format = s4fctl("collector", "stats", "--output", "xml");
        assertThat(format.code()).isEqualTo(ExitCode.USAGE);
        assertThat(format.errLines()).first().asString().contains("--output", "xml");
    }
}
