package io.stream4flow.schema;

import java.util.List;

/** The Kafka topics of Stream4Flow (defaults; every part lets them be changed). */
public final class Topics {
    /** Flow records from the collector, key = exporter address. */
    public static final String FLOWS = "flows";
    /** Alerts of every detection, key = the alert's id. */
    public static final String ALERTS = "alerts";
    /** Every topic, in the order a broker creates them. */
    public static final List<String> ALL = List.of(FLOWS, ALERTS);

    private Topics() { }
}
