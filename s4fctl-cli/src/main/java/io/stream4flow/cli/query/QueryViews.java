package io.stream4flow.cli.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stream4flow.cli.output.Csv;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.output.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How {@code s4fctl query} prints. JSON: one line per document, its source as the jobs wrote it (for
 * {@code top}: {@code {"host","flows","packets","bytes","windows"}}; for {@code host}: {@code {"kind":
 * "profile"|"alert", ...}} lines, see {@link #host}). Table and CSV: the columns named here, the CSV header in
 * the same (lower-case) names as the fields; lists of {@code {name, flows}} objects as {@code name:flows}
 * separated by spaces.
 */
public final class QueryViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One column: its name (the CSV header and, upper-cased, the table's), how to read it, alignment. */
    record Column(String name, Function<Document, String> value, boolean numeric) {
        static Column text(String name) {
            return new Column(name, d -> cell(d.source().get(name)), false);
        }

        static Column number(String name) {
            return new Column(name, d -> cell(d.source().get(name)), true);
        }

        static Column as(String name, String field, boolean numeric) {
            return new Column(name, d -> cell(d.source().get(field)), numeric);
        }
    }

    static final List<Column> ALERTS = List.of(Column.as("time", "@timestamp", false), Column.text("type"),
            Column.text("severity"), Column.text("src_ip"), Column.text("dst_ip"), Column.number("dst_port"),
            Column.number("flows"), Column.number("targets"), Column.text("description"));

    static final List<Column> HOSTS = List.of(Column.as("time", "@timestamp", false), Column.text("host"),
            Column.number("flows"), Column.number("packets"), Column.number("bytes"), Column.number("peers"),
            Column.number("dst_ports"));

    static final List<Column> PROFILES = List.of(Column.text("day"), Column.text("host"), Column.number("flows"),
            Column.number("flows_out"), Column.number("flows_in"), Column.number("bytes_out"),
            Column.number("bytes_in"), Column.number("peers_count"), Column.text("first_seen"),
            Column.text("last_seen"));

    private QueryViews() {
    }

    /** The columns of the statistics of {@code type} (null or a type not named here: the common ones). */
    static List<Column> statsColumns(String type) {
        Column time = Column.as("time", "@timestamp", false);
        return switch (type == null ? "" : type) {
            case "protocols" -> List.of(time, Column.number("protocol"), Column.number("flows"),
                    Column.number("packets"), Column.number("bytes"));
            case "hosts" -> HOSTS;
            case "topn" -> List.of(time, Column.text("src_ip"), Column.text("top_dst_ports"),
                    Column.text("top_dst_hosts"), Column.text("top_http_hosts"));
            case "dns" -> List.of(time, Column.text("top_domains"), Column.text("top_nxdomains"),
                    Column.text("rcodes"), Column.text("qtypes"));
            case "tls" -> List.of(time, Column.number("flows"), Column.number("classified"),
                    Column.text("operating_systems"), Column.text("browsers"), Column.text("applications"));
            default -> List.of(time, Column.text("type"), new Column("subject", QueryViews::subject, false),
                    Column.number("flows"), Column.number("packets"), Column.number("bytes"));
        };
    }

    /** Alerts as {@code s4fctl query alerts} prints them (the console's history exports its CSV through this). */
    public static String alerts(List<Document> docs, OutputFormat format) {
        return documents(docs, ALERTS, format);
    }

    static String documents(List<Document> docs, List<Column> columns, OutputFormat format) {
        if (format == OutputFormat.json) {
            StringBuilder s = new StringBuilder();
            docs.forEach(d -> s.append(write(d.source())).append('\n'));
            return s.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Document d : docs) {
            List<String> row = new ArrayList<>();
            columns.forEach(c -> row.add(c.value().apply(d)));
            rows.add(row);
        }
        return render(columns.stream().map(Column::name).toList(),
                columns.stream().map(Column::numeric).toList(), rows, format);
    }

    static String top(List<Talker> talkers, OutputFormat format) {
        if (format == OutputFormat.json) {
            StringBuilder s = new StringBuilder();
            for (Talker t : talkers) {
                ObjectNode o = JSON.createObjectNode();
                o.put("host", t.host());
                o.put("flows", t.flows());
                o.put("packets", t.packets());
                o.put("bytes", t.bytes());
                o.put("windows", t.windows());
                s.append(write(o)).append('\n');
            }
            return s.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Talker t : talkers) {
            rows.add(List.of(t.host(), Long.toString(t.flows()), Long.toString(t.packets()), Long.toString(t.bytes()),
                    Long.toString(t.windows())));
        }
        return render(List.of("host", "flows", "packets", "bytes", "windows"), List.of(false, true, true, true, true),
                rows, format);
    }

    /**
     * {@code query host}. Table: the profiles, an empty line, then the alerts. CSV: the alerts only (one shape
     * per file; the profiles are {@code --output json} or the table). JSON lines: each profile as
     * {@code {"kind":"profile", ...its source}}, then each alert as {@code {"kind":"alert","id","time","type",
     * "severity","role","in_profile","alert":{source or null}}}.
     */
    static String host(HostReport report, OutputFormat format) {
        List<HostReport.LinkedAlert> alerts = report.linkedAlerts();
        if (format == OutputFormat.json) {
            StringBuilder s = new StringBuilder();
            for (Document p : report.profiles()) {
                ObjectNode o = JSON.createObjectNode().put("kind", "profile");
                o.setAll(p.source());
                s.append(write(o)).append('\n');
            }
            for (HostReport.LinkedAlert a : alerts) {
                ObjectNode o = JSON.createObjectNode().put("kind", "alert").put("id", a.id()).put("time", a.time())
                        .put("type", a.type()).put("severity", a.severity()).put("role", a.role())
                        .put("in_profile", a.inProfile());
                o.set("alert", a.alert() == null ? null : a.alert().source());
                s.append(write(o)).append('\n');
            }
            return s.toString();
        }
        List<String> header = List.of("time", "type", "severity", "role", "src_ip", "dst_ip", "flows", "in_profile",
                "description", "id");
        List<List<String>> rows = new ArrayList<>();
        for (HostReport.LinkedAlert a : alerts) {
            Document d = a.alert();
            rows.add(List.of(a.time(), a.type(), a.severity(), a.role(), d == null ? "" : d.text("src_ip"),
                    d == null ? "" : d.text("dst_ip"), d == null ? "" : d.text("flows"), a.inProfile() ? "yes" : "no",
                    d == null ? "" : d.text("description"), a.id()));
        }
        List<Boolean> numeric = List.of(false, false, false, false, false, false, true, false, false, false);
        if (format == OutputFormat.csv) {
            return Csv.render(header, rows);
        }
        String profiles = report.profiles().isEmpty() ? "no host profile of " + report.host() + " in the range\n"
                : documents(report.profiles(), PROFILES, OutputFormat.table);
        String alertTable = rows.isEmpty() ? "no alerts of " + report.host() + " in the range\n"
                : render(header, numeric, rows, OutputFormat.table);
        return profiles + "\n" + alertTable;
    }

    private static String render(List<String> header, List<Boolean> numeric, List<List<String>> rows,
            OutputFormat format) {
        if (format == OutputFormat.csv) {
            return Csv.render(header, rows);
        }
        boolean[] right = new boolean[numeric.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = numeric.get(i);
        }
        TextTable t = new TextTable(header.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList(), right);
        rows.forEach(t::row);
        return t.render();
    }

    /** What a statistics document is about: its protocol, host or source. */
    private static String subject(Document d) {
        for (String f : List.of("host", "src_ip", "protocol")) {
            if (d.source().hasNonNull(f)) {
                return f + " " + d.source().get(f).asText();
            }
        }
        return "";
    }

    /**
     * A field as one cell: a scalar's text; a list of objects as {@code key:flows} (the object's first field
     * that is not {@code flows}, and its {@code flows}); an object as {@code key=value} pairs.
     */
    static String cell(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : v) {
                if (e.isObject()) {
                    String key = "";
                    var it = e.fields();
                    while (it.hasNext()) {
                        var f = it.next();
                        if (!f.getKey().equals("flows")) {
                            key = f.getValue().asText();
                            break;
                        }
                    }
                    parts.add(e.has("flows") ? key + ":" + e.get("flows").asText() : key);
                } else {
                    parts.add(e.asText());
                }
            }
            return String.join(" ", parts);
        }
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            v.fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + cell(f.getValue())));
            return String.join(" ", parts);
        }
        return v.asText().replace('\n', ' ');
    }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
