package io.stream4flow.console;

import io.stream4flow.cli.config.ConfigCheck;
import io.stream4flow.console.alerts.Alert;
import io.stream4flow.console.alerts.AlertDetailsPane;
import io.stream4flow.console.alerts.AlertFeed;
import io.stream4flow.console.alerts.LiveAlerts;
import io.stream4flow.console.alerts.LiveAlertsPane;
import io.stream4flow.console.alerts.Notifier;
import io.stream4flow.console.backend.BackendMonitor;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.backend.ConnectionBanner;
import io.stream4flow.console.dashboard.DashboardPane;
import io.stream4flow.console.history.HistoryPane;
import io.stream4flow.console.host.HostProfilePane;
import io.stream4flow.console.jobs.JobsPane;
import io.stream4flow.console.ui.FxLoad;
import io.stream4flow.console.ui.Navigator;
import io.stream4flow.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The console's window content: the connection banner, the views as tabs (live alerts with details, history,
 * host, dashboard, jobs) and a status bar; and the background work feeding them (the alert feed, the backend
 * monitor, the refresh timers), all of which reach the views through the backends' {@code UiChannel}. Build and
 * {@link #close} it on the FX thread.
 */
public final class ConsoleView implements Navigator, AutoCloseable {

    /**
     * @param alertsCap live rows kept (older ones are in the history)
     * @param backlog alerts of each partition shown at start
     * @param notifications desktop notifications of high-severity alerts
     * @param monitorPeriod how often Kafka and Elasticsearch are checked
     * @param alertsTopic the Kafka topic of the alerts
     */
    public record Settings(int alertsCap, int backlog, boolean notifications, Duration monitorPeriod,
            String alertsTopic) {
        public static final Settings DEFAULTS = new Settings(5000, 500, false, Duration.ofSeconds(3), Topics.ALERTS);
    }

    public enum View { alerts, details, history, host, dashboard, jobs }

    private final Backends backends;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final LiveAlerts live;
    private final LiveAlertsPane livePane;
    private final HistoryPane history;
    private final HostProfilePane host;
    private final DashboardPane dashboard;
    private final JobsPane jobs;
    private final ConnectionBanner banner = new ConnectionBanner();
    private final Label load = new Label();
    private final AlertFeed feed;
    private final BackendMonitor monitor;
    private final FxLoad fxLoad;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "s4f-console-timer");
        t.setDaemon(true);
        return t;
    });
    private final Tab alertsTab;
    private final Tab historyTab;
    private final Tab hostTab;
    private final Tab dashboardTab;
    private final Tab jobsTab;

    public ConsoleView(Backends backends, Settings settings) {
        this.backends = backends;
        live = new LiveAlerts(settings.alertsCap());
        livePane = new LiveAlertsPane(live, new AlertDetailsPane(backends, this), this);
        history = new HistoryPane(backends, this);
        host = new HostProfilePane(backends);
        dashboard = new DashboardPane(backends, this);
        jobs = new JobsPane(backends);
        alertsTab = tab("Live alerts", livePane);
        historyTab = tab("History", history);
        hostTab = tab("Host", host);
        dashboardTab = tab("Dashboard", dashboard);
        jobsTab = tab("Jobs", jobs);
        tabs.getTabs().setAll(List.of(alertsTab, historyTab, hostTab, dashboardTab, jobsTab));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == jobsTab) {
                jobs.refresh();
            } else if (now == dashboardTab) {
                dashboard.refreshStats();
            }
        });
        load.setId("fx-load");
        HBox status = new HBox(load);
        status.getStyleClass().add("status-bar");
        root.setTop(banner);
        root.setCenter(tabs);
        root.setBottom(status);
        root.getStylesheets().add(ConsoleView.class.getResource("console.css").toExternalForm());
        root.setPrefSize(1400, 900);

        Notifier notifier = settings.notifications() ? new Notifier(backends.pool()) : null;
        feed = new AlertFeed(backends.kafka(), settings.alertsTopic(), settings.backlog(), new AlertFeed.Listener() {
            @Override
            public void batch(List<Alert> alerts) {
                backends.ui().post(() -> {
                    live.add(alerts);
                    if (notifier != null) {
                        notifier.batch(alerts);
                    }
                });
            }

            @Override
            public void connection(String error) {
                backends.ui().post(() -> {
                    if (error == null) {
                        banner.clear("alerts-feed");
                    } else {
                        banner.problem("alerts-feed", "live alerts: " + error + " (reconnecting)");
                    }
                });
            }
        }).start();
        monitor = new BackendMonitor(new ConfigCheck(backends.config(), Duration.ofSeconds(2)),
                settings.monitorPeriod(), o -> backends.ui().post(() -> banner.outcome(o)));
        banner.onRecovered(() -> {
            dashboard.refreshStats();
            jobs.refresh();
        });
        fxLoad = new FxLoad(Platform::runLater, backends.ui(), s -> load.setText(String.format(
                "FX thread %.0f ms/s busy (%.1f ms/s in updates, %.0f updates/s), lag %.0f ms · heap %d MB after GC",
                s.fxCpuMillisPerSecond(), s.updateMillisPerSecond(), s.updatesPerSecond(), s.probeLagMillis(),
                s.heapAfterGcBytes() >> 20)));
        timer.scheduleWithFixedDelay(() -> backends.ui().post(dashboard::sampleCollector), 0, 2, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> backends.ui().post(() -> {
            dashboard.refreshStats();
            if (tabs.getSelectionModel().getSelectedItem() == jobsTab) {
                jobs.refresh();
            }
        }), 0, 10, TimeUnit.SECONDS);
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        t.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return t;
    }

    public BorderPane root() {
        return root;
    }

    @Override
    public void host(String address) {
        tabs.getSelectionModel().select(hostTab);
        host.show(address);
    }

    /** Brings {@code view} to the front (details: the live alerts, with the first alert selected). */
    public void select(View view) {
        switch (view) {
            case alerts, details -> {
                tabs.getSelectionModel().select(alertsTab);
                if (view == View.details && livePane.table().getSelectionModel().isEmpty()
                        && !livePane.table().getItems().isEmpty()) {
                    livePane.table().getSelectionModel().select(0);
                }
            }
            case history -> tabs.getSelectionModel().select(historyTab);
            case host -> tabs.getSelectionModel().select(hostTab);
            case dashboard -> tabs.getSelectionModel().select(dashboardTab);
            case jobs -> tabs.getSelectionModel().select(jobsTab);
        }
    }

    public LiveAlerts live() {
        return live;
    }

    public LiveAlertsPane livePane() {
        return livePane;
    }

    public HistoryPane history() {
        return history;
    }

    public HostProfilePane hostPane() {
        return host;
    }

    public DashboardPane dashboard() {
        return dashboard;
    }

    public JobsPane jobs() {
        return jobs;
    }

    public ConnectionBanner banner() {
        return banner;
    }

    public FxLoad fxLoad() {
        return fxLoad;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        monitor.close();
        fxLoad.close();
        backends.pool().execute(feed::close);   // joins the feed's thread: not on the FX thread
    }
}
