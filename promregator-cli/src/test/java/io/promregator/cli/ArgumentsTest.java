package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.cli.Arguments.Command;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    @Test
    void configTakesTheNextArgumentOrAnEqualsValue() {
        assertThat(Arguments.parse(List.of("--config", "a.yml")))
                .isEqualTo(new Arguments(Command.RUN, java.util.Optional.of(Path.of("a.yml"))));
        assertThat(Arguments.parse(List.of("--config=b.yml")).config()).contains(Path.of("b.yml"));
    }

    @Test
    void checkConfigIsItsOwnCommand() {
        Arguments arguments = Arguments.parse(List.of("--check-config", "c.yml"));

        assertThat(arguments.command()).isEqualTo(Command.CHECK_CONFIG);
        assertThat(arguments.config()).contains(Path.of("c.yml"));
    }

    @Test
    void explainTargetsTakesAFile() {
        Arguments arguments = Arguments.parse(List.of("--explain-targets", "p.yml"));

        assertThat(arguments.command()).isEqualTo(Command.EXPLAIN_TARGETS);
        assertThat(arguments.config()).contains(Path.of("p.yml"));
    }

    @Test
    void helpVersionAndDemoNeedNoFile() {
        assertThat(Arguments.parse(List.of("--help")).command()).isEqualTo(Command.HELP);
        assertThat(Arguments.parse(List.of("-h")).command()).isEqualTo(Command.HELP);
        assertThat(Arguments.parse(List.of("--version")).command()).isEqualTo(Command.VERSION);
        assertThat(Arguments.parse(List.of("--demo")).command()).isEqualTo(Command.DEMO);
    }

    @Test
    void rejectsNoArgumentsUnknownArgumentsAndConflicts() {
        assertThatThrownBy(() -> Arguments.parse(List.of())).hasMessageContaining("nothing to do");
        assertThatThrownBy(() -> Arguments.parse(List.of("--verbose"))).hasMessage("unknown argument: --verbose");
        assertThatThrownBy(() -> Arguments.parse(List.of("--config"))).hasMessageContaining("--config needs a file");
        assertThatThrownBy(() -> Arguments.parse(List.of("--demo", "--config", "a.yml")))
                .hasMessageContaining("cannot be combined");
    }
}
