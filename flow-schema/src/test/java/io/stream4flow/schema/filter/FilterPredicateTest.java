package io.stream4flow.schema.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The filter language by a table: each expression and the sample flows and documents it must select, all
 * others being the ones it must not. The samples are rows of the flows view plus one alert and one host
 * statistics document, as a query would see them.
 */
class FilterPredicateTest {

    /** Name -> record. */
    static final Map<String, Map<String, ?>> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("ssh", flow("10.0.0.1", 40000, "192.0.2.22", 22, 6, 0x12, 10, 1500));
        SAMPLES.put("dns", flow("10.0.0.2", 5353, "8.8.8.8", 53, 17, null, 1, 80));
        SAMPLES.put("big", flow("172.16.5.5", 443, "10.0.0.1", 50000, 6, 0x18, 2000, 2_500_000));
        SAMPLES.put("syn", flow("198.51.100.7", 1234, "10.1.2.3", 23, 6, 0x02, 1, 60));
        SAMPLES.put("v6", flow("2001:db8::1", 123, "2001:db8:1::2", 123, 17, null, 1, 76));
        SAMPLES.put("icmp", flow("10.0.0.3", null, "10.0.0.4", null, 1, null, 3, 252));
        SAMPLES.put("alert", Map.of("type", "portscan_horizontal", "severity", "high", "job", "portscan",
                "src_ip", "10.0.0.7", "dst_port", 23, "targets", 21, "flows", 21, "packets", 21, "bytes", 1260));
        // numbers as a JSON parser may give them: text and doubles are read too
        SAMPLES.put("hoststat", Map.of("type", "hosts", "host", "10.0.0.1", "flows", "5", "bytes", 9000.0));
    }

    private static Map<String, ?> flow(String src, Integer srcPort, String dst, Integer dstPort, int protocol,
            Integer flags, long packets, long bytes) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("exporter", "192.0.2.254");
        f.put("src_ip", src);
        f.put("dst_ip", dst);
        f.put("src_port", srcPort);
        f.put("dst_port", dstPort);
        f.put("protocol", protocol);
        f.put("tcp_flags", flags);
        f.put("packets", packets);
        f.put("bytes", bytes);
        return f;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "src ip 10.0.0.1                               ; ssh",
        "ip 10.0.0.1                                   ; ssh big hoststat",
        "host 10.0.0.1                                 ; ssh big hoststat",
        "dst host 10.0.0.1                             ; big",
        "SRC IP 10.0.0.1 AND DST PORT 22               ; ssh",
        "src ip 10.0.0.1 and dst port 23               ; ",
        "net 10.0.0.0/8                                ; ssh dns big syn icmp alert hoststat",
        "src net 10.0.0.0 255.255.255.0                ; ssh dns icmp alert",
        "dst net 10.0.0.0/31                           ; big",
        "dst net 2001:db8:1::/48                       ; v6",
        "src and dst net 10.0.0.0/8                    ; icmp",
        "dst && src net 10.0.0.0/24                    ; icmp",
        "src or dst ip 10.0.0.1                        ; ssh big hoststat",
        "src and dst port 123                          ; v6",
        "src and dst port > 1000                       ; ",
        "src and dst port > 100                        ; big v6",
        "src or dst port > 40000                       ; big",
        "ip 2001:db8::1                                ; v6",
        "proto tcp                                     ; ssh big syn",
        "proto 17                                      ; dns v6",
        "proto icmp                                    ; icmp",
        "port 22                                       ; ssh",
        "port 123                                      ; v6",
        "dst port < 100                                ; ssh dns syn alert",
        "src port >= 5353                              ; ssh dns",
        "port gt 40000                                 ; big",
        "bytes > 1M                                    ; big",
        "bytes > 1.5k                                  ; big hoststat",
        "bytes >= 1.5k                                 ; ssh big hoststat",
        "bytes = 80 or bytes == 76 or bytes eq 60      ; dns v6 syn",
        "packets gt 1 and packets lt 2000              ; ssh icmp alert",
        "packets le 1                                  ; dns syn v6",
        "flags S                                       ; ssh syn",
        "flags S and not flags AFRPU                   ; syn",
        "flags ap                                      ; ssh big",
        "flags X                                       ; ",
        "inet                                          ; ssh dns big syn icmp alert hoststat",
        "inet6                                         ; v6",
        "ipv4 and not ipv6                             ; ssh dns big syn icmp alert hoststat",
        "not proto tcp                                 ; dns v6 icmp alert hoststat",
        "!proto tcp                                    ; dns v6 icmp alert hoststat",
        "proto udp or proto tcp and port 22            ; dns v6 ssh",
        "(proto udp or proto tcp) and port 22          ; ssh",
        "proto udp || proto tcp && port 22             ; dns v6 ssh",
        "not proto tcp and net 10.0.0.0/8              ; dns icmp alert hoststat",
        "not (proto tcp and net 10.0.0.0/8)            ; dns v6 icmp alert hoststat",
        "not not proto icmp                            ; icmp",
        "((proto tcp)) and (bytes > 1M or flags S)     ; ssh big syn",
        "type portscan_horizontal and severity high    ; alert",
        "type portscan_horizontal and severity LOW     ; ",
        "type hosts                                    ; hoststat",
        "targets > 20                                  ; alert",
        "targets > 21                                  ; ",
        "job portscan                                  ; alert",
        "flows >= 5                                    ; alert hoststat",
        "any                                           ; ssh dns big syn v6 icmp alert hoststat",
        "not any                                       ; ",
    })
    void selectsExactlyTheseRecords(String expression, String expected) {
        Predicate<Map<String, ?>> p = FlowPredicate.compile(expression);
        Set<String> matched = new TreeSet<>();
        SAMPLES.forEach((name, record) -> {
            if (p.test(record)) {
                matched.add(name);
            }
        });
        Set<String> want = new TreeSet<>(expected == null ? Set.of() : Set.of(expected.trim().split("\\s+")));
        assertThat(matched).as(expression).isEqualTo(want);
    }
}
