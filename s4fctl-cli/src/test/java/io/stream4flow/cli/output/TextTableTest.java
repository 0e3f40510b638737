package io.stream4flow.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsTextLeftAndNumbersRight() {
        String t = new TextTable(List.of("NAME", "N", "NOTE"), new boolean[] {false, true, false})
                .row(List.of("a", "1000", ""))
                .row(List.of("long name", "7", "x"))
                .render();

        assertThat(t).isEqualTo("NAME          N  NOTE\na          1000\nlong name     7  x\n");
    }

    @Test
    void rowsMustFitTheHeader() {
        TextTable t = new TextTable(List.of("A", "B"), null);
        assertThatThrownBy(() -> t.row(List.of("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.render()).isEqualTo("A  B\n");
    }
}
