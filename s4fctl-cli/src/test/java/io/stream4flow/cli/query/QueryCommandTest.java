package io.stream4flow.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code s4fctl query ...} against the real Elasticsearch node of the tests, with the index template of the cluster
 * module ({@code s4f-index-template.json}, PUT from its path in the source tree as the job runner installs it):
 * four alerts, protocol, host and top-N statistics and one host profile of 2021-03-04 (and an alert of half an hour
 * ago for the relative ranges). Every verb's table, JSON lines and CSV; filters by the ids they return; ranges,
 * sort and limit; {@code host IP} with its profile and alerts; and the refusals with their exit codes.
 */
@ElasticsearchIntegrationTest
class QueryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path TEMPLATE =
            Path.of("../cluster/src/main/resources/io/stream4flow/cluster/output/s4f-index-template.json");
    private static final String DAY = "--from=2021-03-04T00:00:00Z";
    private static final String DAY_END = "--to=2021-03-04T23:59:59Z";

    private static String es;
    private static String recent;

    @BeforeAll
    static void indexDocuments() throws Exception {
        es = ElasticsearchExtension.httpUrl();
        assertThat(send("PUT", "/_index_template/s4f", Files.readString(TEMPLATE))).contains("\"acknowledged\":true");
        recent = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        List<String[]> docs = new ArrayList<>();
        docs.add(new String[] {"s4f-alerts-2021.03.04", "a1", "{'@timestamp':'2021-03-04T05:06:00Z','type':"
                + "'portscan_horizontal','severity':'high','src_ip':'10.0.0.7','dst_port':23,'flows':21,'packets':21,"
                + "'bytes':1260,'targets':21,'description':'10.0.0.7 probed port 23 on 21 hosts','job':'portscan'}"});
        docs.add(new String[] {"s4f-alerts-2021.03.04", "a2", "{'@timestamp':'2021-03-04T05:20:00Z','type':"
                + "'ssh_bruteforce','severity':'medium','src_ip':'198.51.100.9','dst_ip':'10.0.0.7','dst_port':22,"
                + "'flows':40,'targets':1,'description':'198.51.100.9 tried 40 logins, on 10.0.0.7','job':'ssh_bruteforce'}"});
        docs.add(new String[] {"s4f-alerts-2021.03.04", "a3", "{'@timestamp':'2021-03-04T05:40:00Z','type':'ddos',"
                + "'severity':'high','dst_ip':'10.0.0.8','dst_port':80,'flows':5000,'targets':300,"
                + "'description':'syn flood of 10.0.0.8','job':'ddos'}"});
        docs.add(new String[] {"s4f-alerts-2021.03.03", "a4", "{'@timestamp':'2021-03-03T23:00:00Z','type':"
                + "'dns_external_resolver','severity':'low','src_ip':'10.0.0.9','dst_ip':'8.8.8.8','dst_port':53,"
                + "'flows':25,'targets':1,'description':'10.0.0.9 resolves through 8.8.8.8','job':'dns_external_resolver'}"});
        docs.add(new String[] {"s4f-alerts-" + recent.substring(0, 10).replace('-', '.'), "now1", "{'@timestamp':'"
                + recent + "','type':'portscan_vertical','severity':'low','src_ip':'10.9.9.9','dst_ip':'10.0.0.1',"
                + "'flows':30,'targets':30,'description':'recent'}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "p1", "{'@timestamp':'2021-03-04T05:10:00Z','type':'protocols',"
                + "'protocol':6,'flows':100,'packets':1000,'bytes':100000}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "p2", "{'@timestamp':'2021-03-04T05:10:10Z','type':'protocols',"
                + "'protocol':17,'flows':50,'packets':60,'bytes':7000}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "h1", "{'@timestamp':'2021-03-04T05:10:00Z','type':'hosts',"
                + "'host':'10.0.0.7','flows':30,'packets':300,'bytes':9000,'peers':21,'dst_ports':1}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "h2", "{'@timestamp':'2021-03-04T05:11:00Z','type':'hosts',"
                + "'host':'10.0.0.7','flows':10,'packets':100,'bytes':1000,'peers':2,'dst_ports':2}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "h3", "{'@timestamp':'2021-03-04T05:10:00Z','type':'hosts',"
                + "'host':'10.0.0.8','flows':20,'packets':2000,'bytes':500000,'peers':300,'dst_ports':1}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "t1", "{'@timestamp':'2021-03-04T05:10:00Z','type':'topn',"
                + "'src_ip':'10.0.0.7','top_dst_ports':[{'port':23,'flows':21},{'port':80,'flows':2}],"
                + "'top_dst_hosts':[{'ip':'10.0.0.1','flows':3}],'top_http_hosts':[]}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "d1", "{'@timestamp':'2021-03-04T05:15:00Z','type':'dns',"
                + "'top_domains':[{'name':'example.com','flows':9}],'top_nxdomains':[{'name':'nx.example','flows':2}],"
                + "'rcodes':[{'rcode':0,'flows':9},{'rcode':3,'flows':2}],'qtypes':[{'qtype':1,'flows':11}]}"});
        docs.add(new String[] {"s4f-stats-2021.03.04", "s1", "{'@timestamp':'2021-03-04T05:15:00Z','type':'tls',"
                + "'flows':12,'classified':10,'operating_systems':[{'name':'Windows','flows':7},{'name':'unknown','flows':2}],"
                + "'browsers':[{'name':'Firefox','flows':4}],'applications':[]}"});
        docs.add(new String[] {"s4f-hosts-2021.03.04", "10.0.0.7|2021-03-04", "{'@timestamp':'2021-03-04T00:00:00Z',"
                + "'window':{'start':'2021-03-04T00:00:00Z','end':'2021-03-05T00:00:00Z'},'type':'host_profile',"
                + "'host':'10.0.0.7','day':'2021-03-04','flows':61,'flows_out':51,'flows_in':10,'bytes_out':10000,"
                + "'bytes_in':2000,'peers_count':22,'first_seen':'2021-03-04T05:00:00Z','last_seen':'2021-03-04T05:30:00Z',"
                + "'alerts':{'a1:source':{'id':'a1','type':'portscan_horizontal','severity':'high','role':'source',"
                + "'time':'2021-03-04T05:06:00Z'},'a0:source':{'id':'a0','type':'portscan_vertical','severity':'high',"
                + "'role':'source','time':'2021-03-04T01:00:00Z'}}}"});
        StringBuilder bulk = new StringBuilder();
        for (String[] d : docs) {
            bulk.append("{\"index\":{\"_index\":\"").append(d[0]).append("\",\"_id\":\"").append(d[1]).append("\"}}\n");
            String source = d[2].replace('\'', '"');
            bulk.append(source, 0, source.length() - 1).append(",\"id\":\"").append(d[1]).append("\"}\n");
        }
        String answer = send("POST", "/_bulk?refresh=true", bulk.toString());
        assertThat(JSON.readTree(answer).path("errors").asBoolean(true)).as(answer).isFalse();
    }

    @Test
    void alertsAsATableNewestFirst() {
        CliRun r = query("alerts", DAY, DAY_END);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly(
                "TIME                  TYPE                 SEVERITY  SRC_IP        DST_IP    DST_PORT  FLOWS  TARGETS"
                        + "  DESCRIPTION",
                "2021-03-04T05:40:00Z  ddos                 high                    10.0.0.8        80   5000      300"
                        + "  syn flood of 10.0.0.8",
                "2021-03-04T05:20:00Z  ssh_bruteforce       medium    198.51.100.9  10.0.0.7        22     40        1"
                        + "  198.51.100.9 tried 40 logins, on 10.0.0.7",
                "2021-03-04T05:06:00Z  portscan_horizontal  high      10.0.0.7                      23     21       21"
                        + "  10.0.0.7 probed port 23 on 21 hosts");
    }

    @Test
    void alertsAsJsonLinesAreTheDocumentsAsWritten() throws Exception {
        CliRun r = query("alerts", DAY, DAY_END, "--output", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(3);
        JsonNode first = JSON.readTree(r.lines().get(2));
        assertThat(first).isEqualTo(JSON.readTree(("{'@timestamp':'2021-03-04T05:06:00Z','type':'portscan_horizontal',"
                + "'severity':'high','src_ip':'10.0.0.7','dst_port':23,'flows':21,'packets':21,'bytes':1260,'targets':21,"
                + "'description':'10.0.0.7 probed port 23 on 21 hosts','job':'portscan','id':'a1'}").replace('\'', '"')));
    }

    @Test
    void alertsAsCsvQuoteTheDescriptionWithAComma() {
        CliRun r = query("alerts", DAY, DAY_END, "--output", "csv", "--filter", "type ssh_bruteforce");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly("time,type,severity,src_ip,dst_ip,dst_port,flows,targets,description",
                "2021-03-04T05:20:00Z,ssh_bruteforce,medium,198.51.100.9,10.0.0.7,22,40,1,"
                        + "\"198.51.100.9 tried 40 logins, on 10.0.0.7\"");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "src ip 10.0.0.7                        ; a1",
        "ip 10.0.0.7                            ; a2 a1",
        "severity high                          ; a3 a1",
        "dst port 22 or dst port 80             ; a3 a2",
        "targets > 20 and not type ddos         ; a1",
        "net 10.0.0.0/24                        ; a3 a2 a1",
        "src net 198.51.100.0/24 and flows >= 40; a2",
        "proto tcp                              ; ''",
    })
    void theFilterSelectsTheAlerts(String filter, String ids) throws Exception {
        CliRun r = query("alerts", DAY, DAY_END, "--output", "json", "--filter", filter);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ids(r)).isEqualTo(ids.isBlank() ? List.of() : List.of(ids.split(" ")));
    }

    @Test
    void timeRanges() throws Exception {
        assertThat(ids(query("alerts", "--from", "2021-03-03", "--to", "2021-03-04T05:10:00Z", "--output", "json")))
                .containsExactly("a1", "a4");
        assertThat(ids(query("alerts", "--to", "2021-03-04T05:30:00+00:00", "--since", "30m", "--output", "json")))
                .containsExactly("a2", "a1");
        assertThat(ids(query("alerts", "--to", "2021-03-04T05:30:00", "--since", "1d", "--output", "json")))
                .containsExactly("a2", "a1", "a4");
        // default: the last hour; relative forms
        assertThat(ids(query("alerts", "--output", "json"))).containsExactly("now1");
        assertThat(ids(query("alerts", "--from", "now-2h", "--to", "now", "--output", "json"))).containsExactly("now1");
        assertThat(ids(query("alerts", "--since", "10m", "--output", "json"))).isEmpty();
        assertThat(ids(query("alerts", "--from", "now-2h", "--to", "now-1h", "--output", "json"))).isEmpty();
    }

    @Test
    void sortAndLimit() throws Exception {
        String[] range = {"--from", "2021-03-03", "--to", "2021-03-05", "--output", "json"};
        assertThat(ids(query(concat(new String[] {"alerts", "--sort", "flows:asc", "--limit", "2"}, range))))
                .containsExactly("a1", "a4");
        assertThat(ids(query(concat(new String[] {"alerts", "--sort", "flows", "--limit", "2"}, range))))
                .containsExactly("a3", "a2");
        assertThat(ids(query(concat(new String[] {"alerts", "--sort", "@timestamp:asc"}, range))))
                .containsExactly("a4", "a1", "a2", "a3");
        assertThat(ids(query(concat(new String[] {"alerts", "--limit", "1"}, range)))).containsExactly("a3");
    }

    @Test
    void statsByType() throws Exception {
        CliRun protocols = query("stats", "--type", "protocols", DAY, DAY_END);
        assertThat(protocols.code()).as(protocols.err()).isZero();
        assertThat(protocols.lines()).containsExactly(
                "TIME                  PROTOCOL  FLOWS  PACKETS   BYTES",
                "2021-03-04T05:10:10Z        17     50       60    7000",
                "2021-03-04T05:10:00Z         6    100     1000  100000");
        CliRun topn = query("stats", "--type", "topn", DAY, DAY_END, "--output", "csv");
        assertThat(topn.lines()).containsExactly("time,src_ip,top_dst_ports,top_dst_hosts,top_http_hosts",
                "2021-03-04T05:10:00Z,10.0.0.7,23:21 80:2,10.0.0.1:3,");
        assertThat(query("stats", "--type", "dns", DAY, DAY_END, "--output", "csv").lines()).containsExactly(
                "time,top_domains,top_nxdomains,rcodes,qtypes",
                "2021-03-04T05:15:00Z,example.com:9,nx.example:2,0:9 3:2,1:11");
        assertThat(query("stats", "--type", "tls", DAY, DAY_END).lines()).containsExactly(
                "TIME                  FLOWS  CLASSIFIED  OPERATING_SYSTEMS    BROWSERS   APPLICATIONS",
                "2021-03-04T05:15:00Z     12          10  Windows:7 unknown:2  Firefox:4");
        assertThat(ids(query("stats", DAY, DAY_END, "--output", "json", "--sort", "bytes", "--limit", "3")))
                .containsExactly("h3", "p1", "h1");
        CliRun all = query("stats", DAY, DAY_END, "--output", "csv", "--filter", "host 10.0.0.8");
        assertThat(all.lines()).containsExactly("time,type,subject,flows,packets,bytes",
                "2021-03-04T05:10:00Z,hosts,host 10.0.0.8,20,2000,500000");
    }

    @Test
    void hostsAreSortedByFlowsOrTheSortAsked() throws Exception {
        CliRun table = query("hosts", DAY, DAY_END);
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.lines()).containsExactly(
                "TIME                  HOST      FLOWS  PACKETS   BYTES  PEERS  DST_PORTS",
                "2021-03-04T05:10:00Z  10.0.0.7     30      300    9000     21          1",
                "2021-03-04T05:10:00Z  10.0.0.8     20     2000  500000    300          1",
                "2021-03-04T05:11:00Z  10.0.0.7     10      100    1000      2          2");
        assertThat(ids(query("hosts", DAY, DAY_END, "--sort", "bytes", "--output", "json"))).containsExactly("h3", "h1", "h2");
        assertThat(ids(query("hosts", DAY, DAY_END, "--sort", "peers:asc", "--limit", "2", "--output", "json")))
                .containsExactly("h2", "h1");
    }

    @Test
    void topSumsTheHostStatisticsPerHost() throws Exception {
        CliRun bytes = query("top", DAY, DAY_END);
        assertThat(bytes.code()).as(bytes.err()).isZero();
        assertThat(bytes.lines()).containsExactly(
                "HOST      FLOWS  PACKETS   BYTES  WINDOWS",
                "10.0.0.8     20     2000  500000        1",
                "10.0.0.7     40      400   10000        2");
        CliRun flows = query("top", DAY, DAY_END, "--sort", "flows", "--output", "json");
        assertThat(flows.lines()).containsExactly(
                "{\"host\":\"10.0.0.7\",\"flows\":40,\"packets\":400,\"bytes\":10000,\"windows\":2}",
                "{\"host\":\"10.0.0.8\",\"flows\":20,\"packets\":2000,\"bytes\":500000,\"windows\":1}");
        assertThat(query("top", DAY, DAY_END, "--sort", "flows", "--limit", "1", "--output", "csv").lines())
                .containsExactly("host,flows,packets,bytes,windows", "10.0.0.7,40,400,10000,2");
        assertThat(query("top", DAY, DAY_END, "--filter", "net 10.0.0.8/32", "--output", "csv").lines())
                .containsExactly("host,flows,packets,bytes,windows", "10.0.0.8,20,2000,500000,1");
        CliRun bad = query("top", DAY, DAY_END, "--sort", "peers");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).containsExactly("s4fctl: --sort: 'peers': top sorts by flows, packets or bytes (most first)");
    }

    @Test
    void hostShowsItsProfileAndEveryAlertItWasPartOf() throws Exception {
        CliRun table = query("host", "10.0.0.7", DAY, DAY_END);
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.lines()).containsExactly(
                "DAY         HOST      FLOWS  FLOWS_OUT  FLOWS_IN  BYTES_OUT  BYTES_IN  PEERS_COUNT  FIRST_SEEN"
                        + "            LAST_SEEN",
                "2021-03-04  10.0.0.7     61         51        10      10000      2000           22  2021-03-04T05:00:00Z"
                        + "  2021-03-04T05:30:00Z",
                "",
                "TIME                  TYPE                 SEVERITY  ROLE    SRC_IP        DST_IP    FLOWS  IN_PROFILE"
                        + "  DESCRIPTION                                ID",
                "2021-03-04T05:20:00Z  ssh_bruteforce       medium    target  198.51.100.9  10.0.0.7     40  no"
                        + "          198.51.100.9 tried 40 logins, on 10.0.0.7  a2",
                "2021-03-04T05:06:00Z  portscan_horizontal  high      source  10.0.0.7                   21  yes"
                        + "         10.0.0.7 probed port 23 on 21 hosts        a1",
                "2021-03-04T01:00:00Z  portscan_vertical    high      source                                 yes"
                        + "                                                    a0");
        CliRun json = query("host", "10.0.0.7", DAY, DAY_END, "--output", "json");
        List<JsonNode> lines = new ArrayList<>();
        for (String l : json.lines()) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).extracting(n -> n.path("kind").asText() + " " + n.path("id").asText())
                .containsExactly("profile 10.0.0.7|2021-03-04", "alert a2", "alert a1", "alert a0");
        assertThat(lines.get(0).path("flows").asLong()).isEqualTo(61);
        assertThat(lines.get(2).path("alert").path("dst_port").asInt()).isEqualTo(23);
        assertThat(lines.get(3).path("alert").isNull()).isTrue();
        assertThat(lines.get(3).path("in_profile").asBoolean()).isTrue();
        // a host without a profile: the alerts search alone; and the range applies to the profiles
        CliRun other = query("host", "10.0.0.8", DAY, DAY_END, "--output", "csv");
        assertThat(other.lines()).containsExactly(
                "time,type,severity,role,src_ip,dst_ip,flows,in_profile,description,id",
                "2021-03-04T05:40:00Z,ddos,high,target,,10.0.0.8,5000,no,syn flood of 10.0.0.8,a3");
        CliRun before = query("host", "10.0.0.7", "--from", "2021-03-02", "--to", "2021-03-03T12:00:00Z");
        assertThat(before.lines()).containsExactly("no host profile of 10.0.0.7 in the range", "",
                "no alerts of 10.0.0.7 in the range");
    }

    @Test
    void aFilterErrorNamesItsColumn() {
        CliRun r = query("alerts", "--filter", "proto tcp and ip x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("s4fctl: --filter: column 18: expected an address after 'ip'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "alerts --since 5x         ; s4fctl: --since: '5x' is not a duration (a positive number and s, m, h, d or w: 30m, 1h, 2d)",
        "alerts --from yesterday   ; s4fctl: --from: 'yesterday' is not a time (ISO 8601 such as 2026-03-04T05:06:07Z, a date, now, or now-2h)",
        "alerts --since 1h --from now-2h ; s4fctl: --since and --from: give one of them",
        "alerts --from now --to now-1h   ; s4fctl: the range is empty: --from",
        "alerts --limit 0          ; s4fctl: --limit: 0 is not between 1 and 10000",
        "alerts --sort flows:up    ; s4fctl: --sort: 'flows:up': the direction is asc or desc",
        "host 10.0.0.300           ; s4fctl: host: '10.0.0.300' is not an IPv4 or IPv6 address",
        "stats --type a,b          ; s4fctl: --type: 'a,b' is not a statistics type (protocols, hosts, topn, dns, tls)",
    })
    void badValuesAreOneLineAndExit2(String args, String message) {
        CliRun r = query(args.strip().split(" +"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith(message);
    }

    @Test
    void elasticsearchNotReachableIsExit3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        for (String verb : List.of("alerts", "stats", "hosts", "top")) {
            CliRun r = CliRun.s4fctl("query", verb, "--es", "http://127.0.0.1:" + port);
            assertThat(r.code()).as(verb).isEqualTo(3);
            assertThat(r.errLines()).singleElement().asString()
                    .isEqualTo("s4fctl: Elasticsearch not reachable at http://127.0.0.1:" + port
                            + " (connection refused); is the stack up (s4fctl up), or give --es URL");
        }
        assertThat(CliRun.s4fctl("query", "host", "10.0.0.7", "--es", "http://127.0.0.1:" + port).code()).isEqualTo(3);
    }

    @Test
    void aSearchElasticsearchFailsIsExit1WithItsReason() {
        // a text field cannot be sorted: the shard of 2021-03-04 fails, the others answer (200, partial results)
        CliRun r = query("alerts", DAY, DAY_END, "--sort", "description");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("s4fctl: Elasticsearch at " + es + " failed the search of s4f-alerts-* on 1 of ")
                .contains("Fielddata is disabled on [description]");
        // an object field (window) cannot be sorted either
        CliRun refused = query("stats", DAY, DAY_END, "--sort", "window:asc");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().startsWith("s4fctl: Elasticsearch at " + es);
    }

    private static CliRun query(String... args) {
        return CliRun.s4fctl(concat(new String[] {"query"}, concat(args, new String[] {"--es", es})));
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static List<String> ids(CliRun r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        List<String> ids = new ArrayList<>();
        for (String line : r.lines()) {
            ids.add(JSON.readTree(line).path("id").asText());
        }
        return ids;
    }

    private static String send(String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(es + path))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
