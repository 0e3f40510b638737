package io.stream4flow.console.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live alerts, newest arrival first, at most {@code cap} of them (older ones are evicted from the live view and
 * stay in the history, which reads Elasticsearch). An alert whose id is already shown replaces its row in place.
 * While paused, arrivals wait in a buffer of at most {@code cap} (the oldest waiting ones give way, counted) and
 * are shown on resume. One batch is one change of the list, so the table re-renders once per batch.
 *
 * <p>FX application thread only: the feed hands batches over through the {@code UiChannel}.
 */
public final class LiveAlerts {
    private final int cap;
    private final ObservableList<Alert> rows = FXCollections.observableArrayList();
    private final ObservableList<Alert> readOnly = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<Alert> filtered = new FilteredList<>(rows);
    private final Map<String, Alert> byId = new HashMap<>();
    private final LinkedHashMap<String, Alert> waiting = new LinkedHashMap<>();
    private boolean paused;
    private final LongProperty received = new SimpleLongProperty();
    private final LongProperty replaced = new SimpleLongProperty();
    private final LongProperty evicted = new SimpleLongProperty();
    private final LongProperty dropped = new SimpleLongProperty();
    private final LongProperty pending = new SimpleLongProperty();

    public LiveAlerts(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("--alerts-cap: " + cap + " is not positive");
        }
        this.cap = cap;
    }

    /** Every live alert, newest first. */
    public ObservableList<Alert> all() {
        return readOnly;
    }

    /** The live alerts the filter lets through (what the table shows). */
    public FilteredList<Alert> shown() {
        return filtered;
    }

    /** Shows only the alerts whose fields {@code filter} accepts (null: all). */
    public void filter(Predicate<Map<String, ?>> filter) {
        filtered.setPredicate(filter == null ? null : a -> filter.test(a.fields()));
    }

    /** Adds a batch in arrival order (oldest first). */
    public void add(List<Alert> batch) {
        received.set(received.get() + batch.size());
        if (paused) {
            for (Alert a : batch) {
                waiting.remove(a.id());
                waiting.put(a.id(), a);
            }
            while (waiting.size() > cap) {
                var it = waiting.keySet().iterator();
                it.next();
                it.remove();
                dropped.set(dropped.get() + 1);
            }
            pending.set(waiting.size());
            return;
        }
        apply(batch);
    }

    private void apply(List<Alert> batch) {
        LinkedHashMap<String, Alert> fresh = new LinkedHashMap<>();
        long replacedNow = 0;
        for (Alert a : batch) {
            Alert shown = byId.get(a.id());
            if (shown != null && !fresh.containsKey(a.id())) {
                int at = indexOf(shown);
                rows.set(at, a);
                byId.put(a.id(), a);
                replacedNow++;
            } else {
                if (fresh.put(a.id(), a) != null) {
                    replacedNow++;
                }
            }
        }
        replaced.set(replaced.get() + replacedNow);
        if (fresh.isEmpty()) {
            return;
        }
        List<Alert> top = new ArrayList<>(fresh.values());
        Collections.reverse(top);
        if (top.size() > cap) {
            evicted.set(evicted.get() + top.size() - cap);
            top = top.subList(0, cap);
        }
        for (Alert a : top) {
            byId.put(a.id(), a);
        }
        int over = rows.size() + top.size() - cap;
        if (over > 0) {
            List<Alert> old = rows.subList(rows.size() - over, rows.size());
            for (Alert a : old) {
                byId.remove(a.id());
            }
            evicted.set(evicted.get() + over);
            old.clear();
        }
        rows.addAll(0, top);
    }

    private int indexOf(Alert shown) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == shown) {
                return i;
            }
        }
        throw new IllegalStateException("alert " + shown.id() + " is indexed but not shown");
    }

    public boolean paused() {
        return paused;
    }

    /** Pauses (arrivals wait) or resumes (the waiting ones are shown, in arrival order). */
    public void pause(boolean pause) {
        if (paused == pause) {
            return;
        }
        paused = pause;
        if (!pause && !waiting.isEmpty()) {
            List<Alert> batch = new ArrayList<>(waiting.values());
            waiting.clear();
            pending.set(0);
            apply(batch);
        }
    }

    /** Removes every live alert (the history keeps them). */
    public void clear() {
        rows.clear();
        byId.clear();
    }

    /** Alerts received since the start (shown, replaced, waiting or evicted). */
    public ReadOnlyLongProperty received() {
        return received;
    }

    /** Arrivals that replaced the row of the same id. */
    public ReadOnlyLongProperty replaced() {
        return replaced;
    }

    /** Alerts that left the live view for the cap. */
    public ReadOnlyLongProperty evicted() {
        return evicted;
    }

    /** Alerts that arrived while paused and gave way to newer ones in a full buffer. */
    public ReadOnlyLongProperty dropped() {
        return dropped;
    }

    /** Alerts waiting for resume. */
    public ReadOnlyLongProperty pending() {
        return pending;
    }

    public int cap() {
        return cap;
    }
}
