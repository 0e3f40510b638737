package io.stream4flow.console;

import static io.stream4flow.console.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.cli.query.QueryRequest;
import io.stream4flow.cli.query.TimeRange;
import io.stream4flow.cli.query.TypeCount;
import io.stream4flow.console.alerts.Alert;
import io.stream4flow.console.alerts.Alerts;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.ui.Fmt;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import io.stream4flow.localstack.testing.TcpProxy;
import io.stream4flow.schema.filter.FilterParser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One console, headless (Monocle), on the tests' Kafka broker and Elasticsearch node (reached through a proxy the
 * test can cut): live alerts from Kafka within a second, replacement by id, the filter box, pause and resume, a
 * double click to the host profile, the history with its chart and CSV export, and the banner of an unreachable
 * Elasticsearch that goes away when it is back.
 */
@KafkaIntegrationTest
@ElasticsearchIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final FxRobot robot = new FxRobot();
    private String topic;
    private TcpProxy esProxy;
    private Backends backends;
    private ConsoleView view;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        ConsoleFixture.index();
        topic = KafkaExtension.createTopic("console-alerts", 1);
        esProxy = new TcpProxy(URI.create(ElasticsearchExtension.httpUrl()).getPort());
        producer = ConsoleFixture.producer();
        FxToolkit.registerPrimaryStage();
        backends = ConsoleFixture.backends(home, "http://127.0.0.1:" + esProxy.port());
        view = fx(() -> new ConsoleView(backends, new ConsoleView.Settings(100, 50, false, Duration.ofMillis(500),
                topic)));
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(view.root(), 1400, 900));
            stage.show();
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (view != null) {
            fx(() -> {
                view.close();
                return null;
            });
            FxToolkit.cleanupStages();
        }
        if (backends != null) {
            backends.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (esProxy != null) {
            esProxy.close();
        }
    }

    @Test
    @Order(1)
    void anAlertProducedToKafkaIsInTheLiveTableWithinASecond() throws Exception {
        // the first one waits for the feed's consumer to join the topic
        produce("warm-up", "low", "10.30.0.1", 1);
        awaitRow("warm-up", WAIT);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            produce("fast-" + i, "medium", "10.30.0.2", 5);
            awaitRow("fast-" + i, Duration.ofSeconds(10));
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        System.out.println("produced to Kafka -> in the live table: " + millis + " ms");
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        assertThat(sorted.get(sorted.size() / 2)).as("median of %s ms", millis).isLessThan(1000);
        // newest first
        assertThat(fx(() -> view.livePane().table().getItems().get(0).id())).isEqualTo("fast-4");
    }

    @Test
    @Order(2)
    void anAlertUpdatedUnderItsIdReplacesItsRow() throws Exception {
        long replaced = fx(() -> view.live().replaced().get());
        produce("again", "low", "10.30.0.3", 10);
        awaitRow("again", WAIT);
        produce("again", "high", "10.30.0.3", 99);
        await("the row of 'again' shows the update", () -> row("again") != null && row("again").flows() == 99);
        assertThat(fx(() -> view.livePane().table().getItems().stream().filter(a -> a.id().equals("again")).count()))
                .isEqualTo(1);
        assertThat(fx(() -> row("again").severity())).isEqualTo("high");
        assertThat(fx(() -> view.live().replaced().get())).isEqualTo(replaced + 1);
    }

    @Test
    @Order(3)
    void theFilterBoxFiltersInTheQueryLanguageAndSaysWhereABadFilterIsWrong() throws Exception {
        produce("f-low", "low", "10.30.0.4", 1);
        produce("f-high", "high", "10.30.0.5", 1);
        awaitRow("f-high", WAIT);
        awaitRow("f-low", WAIT);
        filter("severity high and src ip 10.30.0.5");
        await("only f-high is shown", () -> view.livePane().table().getItems().size() == 1);
        assertThat(fx(() -> view.livePane().table().getItems().get(0).id())).isEqualTo("f-high");

        filter("src ip");
        String error = fx(() -> robot.lookup("#live-filter-error").queryAs(Label.class).getText());
        assertThat(error).matches("column \\d+: .+");
        assertThat(fx(() -> view.livePane().table().getItems().size())).as("the previous filter stays").isEqualTo(1);

        filter("");
        await("every live alert is shown again",
                () -> view.livePane().table().getItems().size() == view.live().all().size());
        assertThat(fx(() -> robot.lookup("#live-filter-error").queryAs(Label.class).getText())).isEmpty();
    }

    @Test
    @Order(4)
    void pauseHoldsNewAlertsBackAndResumeShowsThem() throws Exception {
        robot.clickOn("#pause");
        assertThat(fx(() -> robot.lookup("#pause").queryAs(ToggleButton.class).getText())).isEqualTo("Resume");
        produce("while-paused", "medium", "10.30.0.6", 3);
        await("the alert waits", () -> view.live().pending().get() >= 1);
        assertThat(fx(() -> row("while-paused"))).isNull();
        assertThat(fx(() -> robot.lookup("#live-counters").queryAs(Label.class).getText())).contains("1 waiting");

        robot.clickOn("#pause");
        assertThat(fx(() -> robot.lookup("#pause").queryAs(ToggleButton.class).getText())).isEqualTo("Pause");
        awaitRow("while-paused", Duration.ofSeconds(5));
        assertThat(fx(() -> view.live().pending().get())).isZero();
    }

    @Test
    @Order(5)
    void aDoubleClickOnAnAlertOpensTheHostProfileOfItsSource() throws Exception {
        produce("of-host", "high", ConsoleFixture.HOST, 70);
        awaitRow("of-host", WAIT);
        assertThat(fx(() -> view.livePane().table().getItems().get(0).id())).isEqualTo("of-host");
        await("the row's cell", () -> rowCell("of-host") != null);
        Supplier<Boolean> loaded = () -> view.hostPane().data() != null
                && view.hostPane().data().host().equals(ConsoleFixture.HOST);
        // on a loaded machine the robot's two clicks can land too far apart to count as one double click: again
        for (int attempt = 1; ; attempt++) {
            robot.doubleClickOn(fx(() -> rowCell("of-host")));
            try {
                Fx.await(Duration.ofSeconds(20), "host profile of " + ConsoleFixture.HOST + " after a double click",
                        loaded);
                break;
            } catch (AssertionError e) {
                if (attempt == 3 || fx(() -> view.hostPane().data() != null)) {
                    throw e;
                }
            }
        }
        assertThat(fx(() -> robot.lookup("#host-address").queryAs(TextField.class).getText()))
                .isEqualTo(ConsoleFixture.HOST);
        assertThat(fx(() -> robot.lookup("#host-flows_out").queryAs(Label.class).getText()))
                .isEqualTo(Fmt.scaled(ConsoleFixture.FLOWS_OUT)).isEqualTo("1.2 k");
        assertThat(fx(() -> robot.lookup("#host-bytes_in").queryAs(Label.class).getText()))
                .isEqualTo(Fmt.scaled(ConsoleFixture.BYTES_IN));
        HostDataView data = fx(() -> new HostDataView(view.hostPane().data().peers(),
                view.hostPane().data().report().linkedAlerts().stream().map(a -> a.id()).toList()));
        assertThat(data.peers()).extracting(Map.Entry::getKey).contains(ConsoleFixture.PEER);
        assertThat(data.alertIds()).contains("h1");
    }

    private record HostDataView(List<Map.Entry<String, Long>> peers, List<String> alertIds) { }

    @Test
    @Order(6)
    void theHistoryListsCountsAndExportsTheAlertsOfElasticsearch(@TempDir Path dir) throws Exception {
        searchHistory();
        assertThat(fx(() -> view.history().table().getItems().stream().map(Alert::id).sorted().toList()))
                .containsExactly("h1", "h2", "h3");
        assertThat(fx(() -> view.history().chart().getData().stream().map(s -> s.getName()).toList()))
                .containsExactlyInAnyOrder("ddos", "portscan_vertical", "ssh_bruteforce");
        // three minutes, one type each, newest type first in the series: the time axis stays in time order
        List<String> buckets = fx(() -> List.copyOf(((CategoryAxis) view.history().chart().getXAxis()).getCategories()));
        assertThat(buckets).hasSize(ConsoleFixture.HISTORY).isSorted();
        assertThat(fx(() -> view.history().status().getText())).startsWith(ConsoleFixture.HISTORY + " alerts from");
        // the chart's counts, straight from the query service: one of each type, and a filter applies to them too
        TimeRange hour = TimeRange.of("1h", null, null, Instant.now());
        List<TypeCount> counts = backends.queries().alertCounts(new QueryRequest(hour, null, 10, null),
                Duration.ofMinutes(1));
        assertThat(counts).extracting(TypeCount::type)
                .containsExactlyInAnyOrder("ddos", "portscan_vertical", "ssh_bruteforce");
        assertThat(counts).extracting(TypeCount::count).containsOnly(1L);
        assertThat(backends.queries().alertCounts(new QueryRequest(hour, FilterParser.parse("severity high or type ddos"),
                10, null), Duration.ofMinutes(1))).extracting(TypeCount::type)
                .containsExactlyInAnyOrder("ddos", "ssh_bruteforce");
        Path csv = dir.resolve("alerts.csv");
        fx(() -> {
            view.history().export(csv);
            return null;
        });
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + ConsoleFixture.HISTORY);
        assertThat(lines.get(0)).contains("type").contains("severity").contains("src_ip");
        assertThat(String.join("\n", lines)).contains("ssh_bruteforce").contains(ConsoleFixture.HOST)
                .contains("10.20.0.7 ddos");
    }

    @Test
    @Order(7)
    void anUnreachableElasticsearchShowsTheBannerAndTheConsoleRecovers() throws Exception {
        esProxy.cut();
        try {
            await("the Elasticsearch banner", () -> view.banner().shows("elasticsearch"));
            assertThat(fx(() -> robot.lookup("#banner-elasticsearch").tryQuery().isPresent())).isTrue();
            assertThat(fx(() -> view.banner().shows("kafka"))).isFalse();
        } finally {
            esProxy.restore();
        }
        await("the banner goes away", () -> !view.banner().shows("elasticsearch"));
        searchHistory();
        assertThat(fx(() -> view.history().table().getItems())).hasSize(ConsoleFixture.HISTORY);
    }

    private void searchHistory() throws Exception {
        fx(() -> {
            view.select(ConsoleView.View.history);
            view.history().table().getItems().clear();
            return null;
        });
        robot.clickOn("#history-search");
        await("the history's answer", () -> !view.history().table().getItems().isEmpty()
                && !view.history().chart().getData().isEmpty());
    }

    private void filter(String text) throws Exception {
        fx(() -> {
            view.select(ConsoleView.View.alerts);
            return null;
        });
        robot.doubleClickOn("#live-filter").eraseText(80);
        if (!text.isEmpty()) {
            robot.write(text);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void produce(String id, String severity, String src, long flows) throws Exception {
        ConsoleFixture.produce(producer, topic, Alerts.json(id, "ssh_bruteforce", severity, src, "10.20.0.1", 22, flows,
                Instant.now()));
    }

    /** The row of alert {@code id} in the live table (call on the FX thread). */
    private Alert row(String id) {
        for (Alert a : view.livePane().table().getItems()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        return null;
    }

    /** The table row showing alert {@code id}, once laid out (call on the FX thread). */
    private Node rowCell(String id) {
        return robot.lookup("#live-alerts .table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof Alert a && a.id().equals(id))
                .tryQuery().orElse(null);
    }

    private void awaitRow(String id, Duration timeout) throws Exception {
        Fx.await(timeout, "alert " + id + " in the live table", () -> row(id) != null);
    }

    private void await(String what, Supplier<Boolean> onFx) throws Exception {
        Fx.await(WAIT, what, onFx);
    }
}
