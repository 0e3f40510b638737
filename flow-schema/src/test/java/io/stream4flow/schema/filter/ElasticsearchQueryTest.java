package io.stream4flow.schema.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expressions and the Elasticsearch queries they compile to (JSON written with single quotes for legibility).
 * That these queries select the right documents in a real node is the cluster's
 * {@code FilterElasticsearchIntegrationTest}.
 */
class ElasticsearchQueryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "src ip 10.0.0.1    | {'term':{'src_ip':'10.0.0.1'}}",
        "dst net 10.0.0.0/8 | {'term':{'dst_ip':'10.0.0.0/8'}}",
        "src net 172.16.0.0 255.240.0.0 | {'term':{'src_ip':'172.16.0.0/12'}}",
        "ip 192.0.2.1       | {'bool':{'should':[{'term':{'src_ip':'192.0.2.1'}},{'term':{'dst_ip':'192.0.2.1'}},"
            + "{'term':{'host':'192.0.2.1'}}],'minimum_should_match':1}}",
        "dst host 2001:db8::1 | {'term':{'dst_ip':'2001:db8:0:0:0:0:0:1'}}",
        "dst port 22        | {'term':{'dst_port':22}}",
        "src and dst net 10.0.0.0/8 | {'bool':{'filter':[{'term':{'src_ip':'10.0.0.0/8'}},{'term':{'dst_ip':'10.0.0.0/8'}}]}}",
        "src or dst host 10.0.0.1 | {'bool':{'should':[{'term':{'src_ip':'10.0.0.1'}},{'term':{'dst_ip':'10.0.0.1'}},"
            + "{'term':{'host':'10.0.0.1'}}],'minimum_should_match':1}}",
        "src and dst port 53 | {'bool':{'filter':[{'term':{'src_port':53}},{'term':{'dst_port':53}}]}}",
        "port > 1023        | {'bool':{'should':[{'range':{'src_port':{'gt':1023}}},{'range':{'dst_port':{'gt':1023}}}],"
            + "'minimum_should_match':1}}",
        "proto udp          | {'term':{'protocol':17}}",
        "bytes > 1M         | {'range':{'bytes':{'gt':1000000}}}",
        "packets >= 2k      | {'range':{'packets':{'gte':2000}}}",
        "flows lt 5         | {'range':{'flows':{'lt':5}}}",
        "targets le 10      | {'range':{'targets':{'lte':10}}}",
        "type portscan_horizontal | {'term':{'type':'portscan_horizontal'}}",
        "severity HIGH      | {'term':{'severity':'high'}}",
        "job ddos           | {'term':{'job':'ddos'}}",
        "any                | {'match_all':{}}",
        "not proto tcp      | {'bool':{'must_not':[{'term':{'protocol':6}}]}}",
        "proto udp or proto tcp and dst port 22 | {'bool':{'should':[{'term':{'protocol':17}},"
            + "{'bool':{'filter':[{'term':{'protocol':6}},{'term':{'dst_port':22}}]}}],'minimum_should_match':1}}",
        "(proto udp or proto tcp) and dst port 22 | {'bool':{'filter':[{'bool':{'should':[{'term':{'protocol':17}},"
            + "{'term':{'protocol':6}}],'minimum_should_match':1}},{'term':{'dst_port':22}}]}}",
        "not proto tcp and type x and job y | {'bool':{'filter':[{'bool':{'must_not':[{'term':{'protocol':6}}]}},"
            + "{'term':{'type':'x'}},{'term':{'job':'y'}}]}}",
        "inet               | {'bool':{'should':[{'term':{'src_ip':'0.0.0.0/0'}},{'term':{'dst_ip':'0.0.0.0/0'}},"
            + "{'term':{'host':'0.0.0.0/0'}}],'minimum_should_match':1}}",
        "inet6              | {'bool':{'should':["
            + "{'bool':{'filter':[{'exists':{'field':'src_ip'}}],'must_not':[{'term':{'src_ip':'0.0.0.0/0'}}]}},"
            + "{'bool':{'filter':[{'exists':{'field':'dst_ip'}}],'must_not':[{'term':{'dst_ip':'0.0.0.0/0'}}]}},"
            + "{'bool':{'filter':[{'exists':{'field':'host'}}],'must_not':[{'term':{'host':'0.0.0.0/0'}}]}}"
            + "],'minimum_should_match':1}}",
    })
    void compilesTo(String expression, String expected) {
        assertThat(ElasticsearchQuery.compile(expression)).isEqualTo(expected.replace('\'', '"'));
    }

    /** {@code flags} lists the 8-bit values it accepts: any of the letters for SA, all six for X. */
    @Test
    void flagsListEveryAcceptedValue() {
        String sa = IntStream.range(0, 256).filter(v -> (v & 0x12) != 0).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        assertThat(ElasticsearchQuery.compile("flags SA")).isEqualTo("{\"terms\":{\"tcp_flags\":[" + sa + "]}}");
        assertThat(ElasticsearchQuery.compile("flags X"))
                .isEqualTo("{\"terms\":{\"tcp_flags\":[63,127,191,255]}}");
    }
}
