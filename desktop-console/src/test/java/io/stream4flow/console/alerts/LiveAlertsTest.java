package io.stream4flow.console.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.schema.filter.FlowPredicate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live-alert model: newest first, replacement by id, the cap, pause and resume, the filter. */
class LiveAlertsTest {

    @Test
    void newestArrivalFirstAndOneListChangePerBatch() {
        LiveAlerts live = new LiveAlerts(10);
        int[] changes = {0};
        live.all().addListener((javafx.collections.ListChangeListener<Alert>) c -> changes[0]++);
        live.add(List.of(Alerts.alert("a", "low", "10.0.0.2", 1), Alerts.alert("b", "high", "10.0.0.3", 2)));
        live.add(List.of(Alerts.alert("c", "medium", "10.0.0.4", 3)));
        assertThat(live.all()).extracting(Alert::id).containsExactly("c", "b", "a");
        assertThat(changes[0]).isEqualTo(2);
        assertThat(live.received().get()).isEqualTo(3);
    }

    @Test
    void anAlertOfAKnownIdReplacesItsRowInPlace() {
        LiveAlerts live = new LiveAlerts(10);
        live.add(List.of(Alerts.alert("a", "low", "10.0.0.2", 1), Alerts.alert("b", "low", "10.0.0.3", 1)));
        live.add(List.of(Alerts.alert("a", "high", "10.0.0.2", 50), Alerts.alert("a", "high", "10.0.0.2", 60)));
        assertThat(live.all()).extracting(Alert::id).containsExactly("b", "a");
        assertThat(live.all().get(1).flows()).isEqualTo(60);
        assertThat(live.all().get(1).severity()).isEqualTo("high");
        assertThat(live.replaced().get()).isEqualTo(2);
        // twice within one new batch: one row, the last one
        live.add(List.of(Alerts.alert("z", "low", "10.0.0.9", 1), Alerts.alert("z", "low", "10.0.0.9", 7)));
        assertThat(live.all()).extracting(Alert::id).containsExactly("z", "b", "a");
        assertThat(live.all().get(0).flows()).isEqualTo(7);
    }

    @Test
    void theCapEvictsTheOldestAndForgetsTheirIds() {
        LiveAlerts live = new LiveAlerts(3);
        List<Alert> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(Alerts.alert("x" + i, "low", "10.0.0.2", i));
        }
        live.add(batch.subList(0, 2));
        live.add(batch.subList(2, 5));
        assertThat(live.all()).extracting(Alert::id).containsExactly("x4", "x3", "x2");
        assertThat(live.evicted().get()).isEqualTo(2);
        live.add(List.of(Alerts.alert("x0", "low", "10.0.0.2", 9)));   // evicted before: a new row, not a replacement
        assertThat(live.all()).extracting(Alert::id).containsExactly("x0", "x4", "x3");
        assertThat(live.replaced().get()).isZero();
        // a batch larger than the cap keeps its newest
        LiveAlerts small = new LiveAlerts(2);
        small.add(batch);
        assertThat(small.all()).extracting(Alert::id).containsExactly("x4", "x3");
        assertThat(small.evicted().get()).isEqualTo(3);
    }

    @Test
    void pausedArrivalsWaitAndShowOnResume() {
        LiveAlerts live = new LiveAlerts(3);
        live.add(List.of(Alerts.alert("a", "low", "10.0.0.2", 1)));
        live.pause(true);
        live.add(List.of(Alerts.alert("b", "low", "10.0.0.2", 1), Alerts.alert("a", "high", "10.0.0.2", 5)));
        assertThat(live.all()).extracting(Alert::id).containsExactly("a");
        assertThat(live.all().get(0).flows()).isEqualTo(1);
        assertThat(live.pending().get()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            live.add(List.of(Alerts.alert("w" + i, "low", "10.0.0.2", 1)));
        }
        assertThat(live.pending().get()).isEqualTo(3);
        assertThat(live.dropped().get()).isEqualTo(2);
        live.pause(false);
        assertThat(live.pending().get()).isZero();
        assertThat(live.all()).extracting(Alert::id).containsExactly("w2", "w1", "w0");
    }

    @Test
    void theFilterLanguageSelectsTheShownAlerts() {
        LiveAlerts live = new LiveAlerts(10);
        live.add(List.of(Alerts.alert("a", "low", "10.0.0.2", 1), Alerts.alert("b", "high", "192.0.2.7", 2),
                Alerts.alert("c", "high", "10.0.0.3", 300)));
        live.filter(FlowPredicate.compile("severity high and src net 10.0.0.0/8"));
        assertThat(live.shown()).extracting(Alert::id).containsExactly("c");
        live.filter(FlowPredicate.compile("flows > 1 and dst port 22"));
        assertThat(live.shown()).extracting(Alert::id).containsExactly("c", "b");
        live.filter(null);
        assertThat(live.shown()).hasSize(3);
    }

    @Test
    void anAlertNeedsAnIdAndIsReadFromItsDocument() {
        Alert a = Alerts.alert("q", "medium", "10.1.2.3", 12);
        assertThat(a.srcIp()).isEqualTo("10.1.2.3");
        assertThat(a.dstPort()).isEqualTo(22);
        assertThat(a.bytes()).isEqualTo(12 * 120);
        assertThat(a.fields()).containsEntry("severity", "medium").containsEntry("src_ip", "10.1.2.3");
        assertThat(a.window()).contains(" – ");
        assertThatThrownBy(() -> Alert.parse("{\"type\":\"ddos\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("without an id");
        assertThatThrownBy(() -> Alert.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> new LiveAlerts(0)).hasMessageContaining("--alerts-cap");
    }
}
