package io.stream4flow.console.jobs;

import io.stream4flow.cli.job.JobInfo;
import io.stream4flow.cli.job.JobRequest;
import io.stream4flow.cli.job.JobStatus;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.ui.Fmt;
import io.stream4flow.console.ui.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The jobs of the catalog and the SQL jobs started before, with their status (state, input and processed rows per
 * second, batch duration, last progress, watermark), through the same {@code JobService} as {@code s4fctl job}:
 * start one (parameters as {@code KEY=VALUE} separated by spaces, a local network), stop it gracefully (its
 * checkpoint stays, a later start resumes).
 */
public final class JobsPane extends BorderPane {
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private final Backends backends;
    private final TableView<JobInfo> table = Tables.table("no jobs (is a local stack home configured?)");
    private final TextField params = new TextField();
    private final TextField localNet = new TextField();
    private final Label parameters = new Label();
    private final Label status = new Label();
    private final AtomicBoolean busy = new AtomicBoolean();

    public JobsPane(Backends backends) {
        this.backends = backends;
        setId("jobs");
        table.setId("jobs-table");
        table.getColumns().setAll(List.of(Tables.text("Job", 150, JobInfo::name),
                Tables.text("Output", 80, JobInfo::output), Tables.text("State", 80, j -> j.status().state()),
                Tables.text("Runs in", 60, j -> j.status().origin()),
                Tables.count("Input rows/s", 90, j -> j.status().inputRowsPerSecond()),
                Tables.count("Processed rows/s", 110, j -> j.status().processedRowsPerSecond()),
                Tables.count("Batch ms", 70, j -> j.status().batchMillis()),
                Tables.text("Last progress", 140, j -> j.status().progressMillis() == 0 ? "-"
                        : Fmt.time(Instant.ofEpochMilli(j.status().progressMillis()))),
                Tables.text("Watermark", 140, j -> Fmt.time(j.status().watermark())),
                Tables.text("Description", 380, JobInfo::description)));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, j) -> describe(j));
        params.setPromptText("KEY=VALUE …");
        params.setPrefColumnCount(30);
        localNet.setPromptText("local network CIDR, e.g. 10.0.0.0/8");
        Button start = new Button("Start");
        start.setId("job-start");
        start.setOnAction(e -> start());
        Button stop = new Button("Stop");
        stop.setId("job-stop");
        stop.setOnAction(e -> stop());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> refresh());
        status.setId("jobs-status");
        parameters.setWrapText(true);
        HBox actions = new HBox(6, new Label("Parameters"), params, new Label("local net"), localNet, start, stop,
                refresh);
        VBox bottom = new VBox(6, actions, parameters, status);
        bottom.setPadding(new Insets(6));
        setCenter(table);
        setBottom(bottom);
    }

    private void describe(JobInfo j) {
        if (j == null) {
            parameters.setText("");
            return;
        }
        List<String> p = new ArrayList<>();
        for (JobInfo.Parameter x : j.parameters()) {
            p.add(x.name() + (x.defaultValue() == null ? "" : " (" + x.defaultValue() + ")") + ": " + x.description());
        }
        parameters.setText(j.name() + (p.isEmpty() ? ": no parameters" : " — " + String.join("; ", p))
                + (j.status().message().isEmpty() ? "" : "\n" + j.status().message()));
    }

    /** Lists the jobs again (skipped while a listing is on). */
    public void refresh() {
        if (backends.jobs() == null || !busy.compareAndSet(false, true)) {
            return;
        }
        backends.async(() -> backends.jobs().list(), jobs -> {
            busy.set(false);
            String selected = table.getSelectionModel().getSelectedItem() == null ? null
                    : table.getSelectionModel().getSelectedItem().name();
            table.getItems().setAll(jobs);
            for (JobInfo j : jobs) {
                if (j.name().equals(selected)) {
                    table.getSelectionModel().select(j);
                }
            }
            long running = jobs.stream().filter(j -> j.status().running()).count();
            status.setText(jobs.size() + " jobs, " + running + " running, as of " + Fmt.clock(Instant.now()) + " UTC");
        }, e -> {
            busy.set(false);
            status.setText(Backends.message(e));
        });
    }

    private JobInfo selected() {
        JobInfo j = table.getSelectionModel().getSelectedItem();
        if (j == null) {
            status.setText("select a job first");
        }
        return j;
    }

    private void start() {
        JobInfo j = selected();
        if (j == null) {
            return;
        }
        String text = params.getText() == null ? "" : params.getText().strip();
        List<String> p = text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
        String net = localNet.getText() == null || localNet.getText().isBlank() ? null : localNet.getText().strip();
        status.setText("starting " + j.name() + " …");
        backends.async(() -> backends.jobs().start(JobRequest.catalog(j.name(), p, net)),
                (JobStatus s) -> {
                    status.setText(s.name() + ": " + s.state());
                    refresh();
                }, e -> status.setText(j.name() + ": " + Backends.message(e)));
    }

    private void stop() {
        JobInfo j = selected();
        if (j == null) {
            return;
        }
        status.setText("stopping " + j.name() + " (its checkpoint stays) …");
        backends.async(() -> backends.jobs().stop(j.name(), STOP_GRACE), (JobStatus s) -> {
            status.setText(s.name() + ": " + s.state());
            refresh();
        }, e -> status.setText(j.name() + ": " + Backends.message(e)));
    }

    public TableView<JobInfo> table() {
        return table;
    }

    public Label status() {
        return status;
    }
}
