package io.stream4flow.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the shell remembers of the commands' output for completion. */
class RecentValuesTest {

    @Test
    void addressesAndAlertTypesAreTakenFromALine() {
        RecentValues r = new RecentValues();

        r.scan("{\"type\":\"port_scan\",\"src_ip\":\"10.1.2.3\",\"dst_ip\":\"2001:db8::7\",\"time\":\"12:30:01\"}");

        assertThat(r.values()).containsExactlyInAnyOrder("port_scan", "10.1.2.3", "2001:db8::7");
    }

    @Test
    void notAddressesAreNotTaken() {
        RecentValues r = new RecentValues();

        r.scan("version 1.2.3 at 12:30:01, 300.1.1.1 and :: and 10.0.0.1.5");

        assertThat(r.values()).isEmpty();
    }

    @Test
    void theLeastRecentlySeenIsDroppedBeyondTheBound() {
        RecentValues r = new RecentValues();
        for (int i = 0; i <= RecentValues.MAX; i++) {
            r.scan("10.0." + i / 256 + "." + i % 256);
        }

        assertThat(r.values()).hasSize(RecentValues.MAX).doesNotContain("10.0.0.0").last().isEqualTo("10.0.1.44");
    }
}
