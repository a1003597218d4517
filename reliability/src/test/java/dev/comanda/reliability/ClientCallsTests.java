package dev.comanda.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.reliability.ClientCalls.Operation;
import org.junit.jupiter.api.Test;

class ClientCallsTests {

    private final ClientCalls calls = new ClientCalls();
    private final Report report = new Report();

    @Test
    void aCallWithoutAnAnswerIsAFailureOfItsOperation() {
        calls.record(Operation.PLACEMENT, 201);
        calls.record(Operation.PLACEMENT, ClientCalls.NO_ANSWER);
        calls.reportTo(report);

        assertThat(calls.unanswered(Operation.PLACEMENT)).isEqualTo(1);
        assertThat(report.figures()).containsEntry("calls: placements unanswered", 1L);
        assertThat(report.violations())
                .containsExactly("1 placements got no answer (client timeout or connection error)");
    }

    @Test
    void a500IsAFailureNextToTheUnanswered() {
        calls.record(Operation.MOVE, 500);
        calls.reportTo(report);

        assertThat(calls.serverErrors(Operation.MOVE)).isEqualTo(1);
        assertThat(report.figures()).containsEntry("calls: kitchen moves answered other 5xx", 1L);
        assertThat(report.violations()).containsExactly("1 kitchen moves answered 5xx other than 503");
    }

    @Test
    void a503IsCountedButIsTheAnswerAFaultShouldGet() {
        calls.record(Operation.READ, 503);
        calls.record(Operation.READ, 404);
        calls.reportTo(report);

        assertThat(report.figures())
                .containsEntry("calls: reads sent", 2L)
                .containsEntry("calls: reads answered 503", 1L);
        assertThat(report.clean()).isTrue();
    }
}
