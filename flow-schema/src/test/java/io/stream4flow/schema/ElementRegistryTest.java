package io.stream4flow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElementRegistryTest {
    private final ElementRegistry r = ElementRegistry.bundled();

    @Test
    void resolvesIanaEnterpriseAndReverseElements() {
        assertThat(r.ipfix(0, 1).key()).isEqualTo("iana:octetDeltaCount");
        assertThat(r.ipfix(0, 1).dataType()).isEqualTo(DataType.UNSIGNED64);
        assertThat(r.ipfix(29305, 1).key()).isEqualTo("iana@reverse:octetDeltaCount");
        assertThat(r.ipfix(29305, 1).isReverse()).isTrue();
        assertThat(r.ipfix(39499, 110).key()).isEqualTo("flowmon:dnsId");
        // CERT marks reverse elements with bit 15 of the id (0x4000)
        assertThat(r.ipfix(6871, 14).key()).isEqualTo("cert:initialTCPFlags");
        assertThat(r.ipfix(6871, 14 | 0x4000).key()).isEqualTo("cert@reverse:initialTCPFlags");
    }

    @Test
    void unknownElementsGetStableKeysAndHexType() {
        InformationElement e = r.ipfix(12345, 77);
        assertThat(e.key()).isEqualTo("en12345:id77");
        assertThat(e.dataType()).isEqualTo(DataType.UNKNOWN);
        assertThat(e.isDefined()).isFalse();
        assertThat(r.ipfix(12345, 77)).isSameAs(e);
        assertThat(r.ipfix(0, 32000).key()).isEqualTo("en0:id32000");
    }

    @Test
    void mapsNetflowV9FieldTypes() {
        assertThat(r.netflowV9(8).key()).isEqualTo("iana:sourceIPv4Address");
        assertThat(r.netflowV9(21).key()).isEqualTo("iana:flowEndSysUpTime");
        assertThat(r.netflowV9(34).key()).isEqualTo("iana:samplingInterval");
        assertThat(r.netflowV9(40001).key()).isEqualTo("en0:id40001");
        assertThat(r.netflowV9Scope(1).key()).isEqualTo("netflow:scopeSystem");
        assertThat(r.netflowV9Scope(2).key()).isEqualTo("netflow:scopeInterface");
        assertThat(r.netflowV9Scope(9).key()).isEqualTo("en0:id9");
        // a netflow.xml element (type 128-32767 that IANA lacks) is named in the netflow scope
        InformationElement nf = r.netflowV9(33000 - 32768 + 32768);
        assertThat(nf.key()).satisfiesAnyOf(k -> assertThat(k).startsWith("netflowExtra:"),
                k -> assertThat(k).startsWith("en0:"));
    }

    @Test
    void jsonKeyIsPreEncoded() {
        assertThat(new String(r.ipfix(0, 8).jsonKey())).isEqualTo("\"iana:sourceIPv4Address\":");
    }

    @Test
    void loadsUserDefinitionFilesAndNamesBadOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme.xml"), """
                <ipfix-elements>
                  <scope><pen>99999</pen><name>acme</name><biflow mode="none"></biflow></scope>
                  <element><id>1</id><name>widgetCount</name><dataType>unsigned32</dataType></element>
                </ipfix-elements>
                """);
        ElementRegistry u = ElementRegistry.withUserDefinitions(dir);
        assertThat(u.ipfix(99999, 1).key()).isEqualTo("acme:widgetCount");
        assertThat(u.ipfix(0, 1).key()).isEqualTo("iana:octetDeltaCount");

        Files.writeString(dir.resolve("broken.xml"), """
                <ipfix-elements>
                  <scope><pen>5</pen><name>b</name></scope>
                  <element><id>1</id><name>x</name><dataType>unsigned128</dataType></element>
                </ipfix-elements>
                """);
        assertThatThrownBy(() -> ElementRegistry.withUserDefinitions(dir))
                .hasMessageContaining("broken.xml").hasMessageContaining("unsigned128");
    }

    @Test
    void bundlesEveryDefinitionFile() {
        assertThat(r.size()).isGreaterThan(2000);
        for (String scope : new String[] {"iana", "netflow", "cert", "cesnet", "cisco", "flowmon", "muni",
            "netscaler", "vmware"}) {
            assertThat(r.scopeName(switch (scope) {
                case "iana" -> 0L;
                case "netflow" -> ElementRegistry.NETFLOW_PEN;
                case "cert" -> 6871L;
                case "cesnet" -> 8057L;
                case "cisco" -> 9L;
                case "flowmon" -> 39499L;
                case "muni" -> 16982L;
                case "netscaler" -> 5951L;
                default -> 6876L;
            })).isEqualTo(scope);
        }
    }
}
