package io.stream4flow.cluster.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;
import io.stream4flow.schema.filter.ElasticsearchQuery;
import io.stream4flow.schema.filter.FilterParser;
import io.stream4flow.schema.filter.FlowPredicate;

/**
 * The filter language against the real Elasticsearch node: flow-like, alert and host-statistics documents are
 * indexed with the project's index template (through {@link ElasticsearchWriter}), and each filter's compiled
 * query must return exactly the expected ids, which are also exactly the documents its {@link FlowPredicate}
 * accepts (the same filter means the same thing in a query and over records read from Kafka).
 */
@ElasticsearchIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterElasticsearchIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Id -> document, single quotes for double. */
    private static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();

    static {
        DOCUMENTS.put("ssh", "{'src_ip':'10.0.0.1','src_port':40000,'dst_ip':'192.0.2.22','dst_port':22,'protocol':6,"
                + "'tcp_flags':18,'packets':10,'bytes':1500}");
        DOCUMENTS.put("dns", "{'src_ip':'10.0.0.2','src_port':5353,'dst_ip':'8.8.8.8','dst_port':53,'protocol':17,"
                + "'packets':1,'bytes':80}");
        DOCUMENTS.put("big", "{'src_ip':'172.16.5.5','src_port':443,'dst_ip':'10.0.0.1','dst_port':50000,"
                + "'protocol':6,'tcp_flags':24,'packets':2000,'bytes':2500000}");
        DOCUMENTS.put("syn", "{'src_ip':'198.51.100.7','src_port':1234,'dst_ip':'10.1.2.3','dst_port':23,"
                + "'protocol':6,'tcp_flags':2,'packets':1,'bytes':60}");
        DOCUMENTS.put("v6", "{'src_ip':'2001:db8::1','src_port':123,'dst_ip':'2001:db8:1::2','dst_port':123,"
                + "'protocol':17,'packets':1,'bytes':76}");
        DOCUMENTS.put("scan", "{'@timestamp':'2021-03-04T05:06:00Z','type':'portscan_horizontal','severity':'high',"
                + "'job':'portscan','src_ip':'10.0.0.7','dst_port':23,'targets':21,'flows':21,'packets':21,"
                + "'bytes':1260,'description':'10.0.0.7 probed port 23 on 21 hosts'}");
        DOCUMENTS.put("flood", "{'@timestamp':'2021-03-04T05:07:00Z','type':'ddos','severity':'medium','job':'ddos',"
                + "'dst_ip':'192.0.2.22','targets':1,'flows':5000,'packets':90000,'bytes':5000000}");
        DOCUMENTS.put("hoststat", "{'type':'hosts','host':'10.0.0.1','flows':5,'bytes':9000}");
        DOCUMENTS.put("v6host", "{'type':'hosts','host':'2001:db8::1','flows':2,'bytes':300}");
    }

    private ElasticsearchWriter writer;
    private String index;

    @BeforeAll
    void indexDocuments() throws Exception {
        writer = ElasticsearchWriter.connect(ElasticsearchExtension.httpUrl());
        writer.installTemplates();
        index = ElasticsearchExtension.uniqueName("s4f-filter-it");
        List<Row> rows = new ArrayList<>();
        DOCUMENTS.forEach((id, json) -> rows.add(RowFactory.create(id, index, json.replace('\'', '"'))));
        assertThat(writer.write(rows.iterator())).isEqualTo(DOCUMENTS.size());
        writer.client().indices().refresh(r -> r.index(index));
        // the template applied: the addresses are ip fields (a CIDR term would fail on a keyword)
        var mapping = writer.client().indices().getMapping(m -> m.index(index)).result().get(index).mappings();
        assertThat(mapping.properties().get("src_ip").isIp()).isTrue();
        assertThat(mapping.properties().get("host").isIp()).isTrue();
    }

    @AfterAll
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    /**
     * The deepest filters the parser takes ({@link FilterParser#MAX_DEPTH} {@code bool}s) are queries
     * Elasticsearch runs, also inside one more {@code bool} of the caller's: an even number of {@code not}s, and
     * parentheses each holding an {@code or}.
     */
    @Test
    void theDeepestFiltersRun() throws Exception {
        int n = FilterParser.MAX_DEPTH;
        // n - 1 nots over a primitive of three fields: n levels, n + 1 with the caller's
        String wrapped = "{\"bool\":{\"filter\":[" + ElasticsearchQuery.compile("not ".repeat(n - 1) + "ip 10.0.0.1")
                + "]}}";
        assertThat(writer.client().search(s -> s.index(index).query(q -> q.withJson(new StringReader(wrapped))),
                ObjectNode.class).hits().hits()).isNotEmpty();
        theQueryReturnsExactlyTheDocumentsThePredicateAccepts("not ".repeat(n) + "src ip 10.0.0.1", "ssh");
        theQueryReturnsExactlyTheDocumentsThePredicateAccepts(
                "(type x or ".repeat(n) + "src ip 10.0.0.1" + ")".repeat(n), "ssh");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "src ip 10.0.0.1                                ; ssh",
        "ip 10.0.0.1                                    ; ssh big hoststat",
        "dst host 192.0.2.22                            ; ssh flood",
        "net 10.0.0.0/8                                 ; ssh dns big syn scan hoststat",
        "src net 10.0.0.0 255.255.255.0                 ; ssh dns scan",
        "net 2001:db8::/32                              ; v6 v6host",
        "dst net 2001:db8:1::/48                        ; v6",
        "src and dst net 2001:db8::/32                  ; v6",
        "src or dst net 192.0.2.0/24                    ; ssh flood",
        "src and dst port > 100                         ; big v6",
        "inet6                                          ; v6 v6host",
        "inet                                           ; ssh dns big syn scan flood hoststat",
        "proto tcp and dst port 22                      ; ssh",
        "port 123                                       ; v6",
        "dst port < 100                                 ; ssh dns syn scan",
        "proto udp or proto tcp and port 22             ; dns v6 ssh",
        "(proto udp or proto tcp) and port 22           ; ssh",
        "not proto tcp                                  ; dns v6 scan flood hoststat v6host",
        "not (proto tcp || type hosts)                  ; dns v6 scan flood",
        "bytes > 1M                                     ; big flood",
        "bytes >= 1.5k and bytes < 10k                  ; ssh hoststat",
        "flags S and not flags AFRPU                    ; syn",
        "flags A                                        ; ssh big",
        "type portscan_horizontal and severity high     ; scan",
        "severity medium or targets > 20                ; flood scan",
        "job ddos and ip 192.0.2.22                     ; flood",
        "flows >= 5                                     ; scan flood hoststat",
        "any                                            ; ssh dns big syn v6 scan flood hoststat v6host",
        "not any                                        ; ",
    })
    void theQueryReturnsExactlyTheDocumentsThePredicateAccepts(String filter, String expected) throws Exception {
        Set<String> want = new TreeSet<>(expected == null ? Set.of() : Set.of(expected.trim().split("\\s+")));

        String query = ElasticsearchQuery.compile(filter);
        ElasticsearchClient es = writer.client();
        Set<String> found = new TreeSet<>();
        for (Hit<ObjectNode> hit : es.search(s -> s.index(index).size(100)
                .query(q -> q.withJson(new StringReader(query))), ObjectNode.class).hits().hits()) {
            found.add(hit.id());
        }
        assertThat(found).as("Elasticsearch: %s", query).isEqualTo(want);

        Predicate<Map<String, ?>> predicate = FlowPredicate.compile(filter);
        Set<String> accepted = new TreeSet<>();
        for (var e : DOCUMENTS.entrySet()) {
            Map<String, Object> doc = JSON.readValue(e.getValue().replace('\'', '"'), new TypeReference<>() { });
            if (predicate.test(doc)) {
                accepted.add(e.getKey());
            }
        }
        assertThat(accepted).as("predicate").isEqualTo(want);
    }
}
