package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code tls}: TLS clients classified by the cipher suites they offer (Flowmon's {@code tlsCipherSuites}, the view's
 * {@code tls_cipher_suites}) against the original Stream4Flow's dictionary ({@value #DICTIONARY}, MIT, bundled):
 * device type, operating system, application and browser. A client whose list is not in the dictionary is counted
 * as {@code unknown} under every attribute, and an attribute the dictionary leaves empty for a list is
 * {@code unknown} too: nothing is guessed. Per tumbling window, in append mode like {@link TopNJob}.
 *
 * <p>Document ({@code s4f-stats-*}): {@code {type:"tls", flows, classified, device_types:[{name, flows}],
 * operating_systems:[...], applications:[...], browsers:[...], window, @timestamp (= window start), id}}, lists in
 * descending flows.
 */
public final class TlsClassificationJob implements JobDefinition {

    public static final String NAME = "tls";
    public static final String UNKNOWN = "unknown";
    static final String DICTIONARY = "tls_classification_dictionary.csv";
    /** The attributes of the dictionary, in its column order, with their list in the document. */
    private static final String[][] ATTRIBUTES = {{"device", "device_types"}, {"os", "operating_systems"},
        {"application", "applications"}, {"browser", "browsers"}};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "TLS clients by device type, operating system, application and browser, from their cipher suites";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("5m", "30s");
    }

    @Override
    public OutputMode outputMode() {
        return OutputMode.Append();
    }

    /**
     * The dictionary: cipher-suite list ({@code 0x0004,0x0005,...}, lower case) to its four attributes (empty where
     * the dictionary says nothing); the first line of a list repeated in the file wins.
     */
    static Map<String, String[]> dictionary() {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (InputStream in = TlsClassificationJob.class.getResourceAsStream(DICTIONARY)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DICTIONARY);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine(); // header: suites;device_type;operating_system;application;browser
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(";", -1);
                if (f.length == 5 && !f[0].isBlank()) {
                    out.putIfAbsent(f[0].trim().toLowerCase(Locale.ROOT),
                            new String[] {f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim()});
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        List<Column> entries = new ArrayList<>();
        dictionary().forEach((suites, a) -> {
            entries.add(lit(suites));
            entries.add(array(lit(a[0]), lit(a[1]), lit(a[2]), lit(a[3])));
        });
        Column dictionary = map(entries.toArray(Column[]::new));
        // "0x00040005..." (the JSON's hex of the octet array) to "0x0004,0x0005,..." (the dictionary's form)
        Column hex = regexp_replace(lower(col("tls_cipher_suites")), "^0x", "");
        Column suites = concat(lit("0x"), regexp_replace(hex, "(.{4})(?=.)", "$1,0x"));
        Column known = element_at(dictionary, suites);
        List<Column> facts = new ArrayList<>(List.of(struct(lit("match").as("kind"),
                when(known.isNull(), lit(UNKNOWN)).otherwise(lit("classified")).as("value"))));
        for (int i = 0; i < ATTRIBUTES.length; i++) {
            Column value = element_at(known, i + 1);
            facts.add(struct(lit(ATTRIBUTES[i][0]).as("kind"),
                    coalesce(when(value.notEqual(""), value), lit(UNKNOWN)).as("value")));
        }
        return flows.filter(col("tls_cipher_suites").startsWith("0x"))
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .select(col("flow_start"), explode(array(facts.toArray(Column[]::new))).as("f"))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("f.kind").as("kind"), col("f.value").as("value"))
                .agg(count(lit(1)).as("flows"));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        // sorted by (-flows, name): the descending lists with ties in name order
        Column entries = sort_array(collect_list(struct(col("flows").multiply(-1).as("order"), col("kind"),
                col("value"), col("flows"))));
        Column match = filter(col("entries"), e -> e.getField("kind").equalTo("match"));
        List<Column> out = new ArrayList<>(List.of(lit(NAME).as("type"),
                coalesce(aggregate(match, lit(0L),
                        (acc, e) -> acc.plus(e.getField("flows"))), lit(0L)).as("flows"),
                coalesce(element_at(transform(filter(match, e -> e.getField("value").equalTo("classified")),
                        e -> e.getField("flows")), 1), lit(0L)).as("classified")));
        for (String[] a : ATTRIBUTES) {
            out.add(transform(filter(col("entries"), e -> e.getField("kind").equalTo(a[0])),
                    e -> struct(e.getField("value").as("name"), e.getField("flows").as("flows"))).as(a[1]));
        }
        out.add(col("window"));
        out.add(col("window.start").as("@timestamp"));
        out.add(Documents.id(lit(NAME), Documents.millis(col("window.start"))).as("id"));
        out.add(Documents.index(OutputKind.STATISTICS, col("window.start")).as("index"));
        return Documents.serialize(batch.groupBy(col("window")).agg(entries.as("entries"))
                .select(out.toArray(Column[]::new)));
    }
}
