package io.stream4flow.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ansible-playbook's default output as ansible-core 2.14 writes it, read by {@link PlaybookOutput}. */
class PlaybookOutputTest {
    private static final String RUN = """
            PLAY [Producer (Kafka broker and collector)] ***********************************

            TASK [Gathering Facts] *********************************************************
            ok: [s4f-producer]
            fatal: [s4f-gone]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: \
            ssh: connect to host 172.31.213.77 port 22: No route to host", "unreachable": true}

            TASK [common : Check the bundle on the controller] ****************************
            ok: [s4f-producer -> localhost]

            TASK [kafka : Copy the Kafka broker's jars] ************************************
            changed: [s4f-producer]

            TASK [common : Check the supervisor choice] ************************************
            fatal: [s4f-other]: FAILED! => {"assertion": "s4f_supervisor in ['systemd', 'process']", \
            "changed": false, "evaluated_to": false, "msg": "s4f_supervisor: 'upstart' is neither systemd nor process"}
            fatal: [s4f-third]: FAILED! => {"changed": false, "msg": "ignored"}
            ...ignoring

            PLAY RECAP *********************************************************************
            s4f-gone                   : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0
            s4f-other                  : ok=1    changed=0    unreachable=0    failed=1    skipped=0    rescued=0    ignored=0
            s4f-producer               : ok=18   changed=12   unreachable=0    failed=0    skipped=7    rescued=0    ignored=0
            """;

    @Test
    void readsEachHostsResultsItsFailuresAndTheRecap() {
        PlaybookOutput output = new PlaybookOutput();
        List<PlaybookOutput.Result> results = new ArrayList<>();
        for (String line : RUN.split("\n")) {
            PlaybookOutput.Result r = output.line(line);
            if (r != null) {
                results.add(r);
            }
        }
        assertThat(results).extracting(PlaybookOutput.Result::host, PlaybookOutput.Result::status)
                .containsExactly(tuple("s4f-producer", "ok"),
                        tuple("s4f-gone", "unreachable"),
                        tuple("s4f-producer", "ok"),
                        tuple("s4f-producer", "changed"),
                        tuple("s4f-other", "failed"),
                        tuple("s4f-third", "failed"),
                        tuple("s4f-third", "ignored"));
        assertThat(results.get(3).task()).isEqualTo("kafka : Copy the Kafka broker's jars");
        assertThat(output.failures()).extracting(PlaybookOutput.Failure::line).containsExactly(
                "s4f-gone: unreachable at 'Gathering Facts': Failed to connect to the host via ssh: ssh: connect to "
                        + "host 172.31.213.77 port 22: No route to host",
                "s4f-other: failed at 'common : Check the supervisor choice': s4f_supervisor: 'upstart' is neither "
                        + "systemd nor process");
        assertThat(output.recap()).containsExactly(
                new PlaybookOutput.Recap("s4f-gone", 0, 0, 1, 0, 0),
                new PlaybookOutput.Recap("s4f-other", 1, 0, 0, 1, 0),
                new PlaybookOutput.Recap("s4f-producer", 18, 12, 0, 0, 7));
    }
}
