package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTests {

    @Test
    void rateMakesAnOpenLoop() {
        var options = BenchOptions.parse("--rate", "120", "--duration", "45s");

        assertThat(options.openLoop()).isTrue();
        assertThat(options.rate()).isEqualTo(120.0);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void withoutRateTheLoopIsClosed() {
        var options = BenchOptions.parse("--concurrency", "8");

        assertThat(options.openLoop()).isFalse();
        assertThat(options.concurrency()).isEqualTo(8);
    }

    @Test
    void mixAndBasketAreRead() {
        var options = BenchOptions.parse(
                "--rate",
                "10",
                "--pix",
                "0.1",
                "--cash",
                "0.2",
                "--decline",
                "0.05",
                "--cancel",
                "0.3",
                "--basket",
                "2-5");

        assertThat(options.mix()).isEqualTo(new BenchOptions.Mix(0.1, 0.2, 0.05, 0.3, 2, 5));
    }

    @Test
    void everyDocumentedOptionIsAccepted() {
        var options = BenchOptions.parse(
                "--api",
                "http://h:1/",
                "--operator-key",
                "k",
                "--db-url",
                "jdbc:mysql://h/db",
                "--db-user",
                "u",
                "--db-password",
                "p",
                "--rate",
                "5",
                "--duration",
                "1s",
                "--warmup",
                "0s",
                "--drain",
                "2s",
                "--idle",
                "3s",
                "--kitchen",
                "false",
                "--poll",
                "20ms",
                "--history-sample",
                "0",
                "--floor-orders",
                "0",
                "--floor-threads",
                "2",
                "--out",
                "x",
                "--label",
                "l");

        assertThat(options.api()).isEqualTo("http://h:1");
        assertThat(options.idle()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.kitchen()).isFalse();
    }

    @Test
    void ordersArePlacedAsAStorefrontDoesUnlessTheCustomerKeyIsAskedFor() {
        assertThat(BenchOptions.parse("--rate", "10").storefront()).isTrue();
        assertThat(BenchOptions.parse("--rate", "10", "--customer", "key").storefront())
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> BenchOptions.parse("--rate", "10", "--customer", "guest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--customer");
    }

    @Test
    void processesAreNamedForTheirCpu() {
        var options = BenchOptions.parse("--rate", "10", "--pid", "workers=42", "--pid", "api=43");

        assertThat(options.pids()).containsEntry("workers", 42L).containsEntry("api", 43L);
    }

    @Test
    void theGeneratorsOwnCpuIsReportedBesideTheProcessesNamed() {
        var named = BenchOptions.parse("--rate", "10", "--pid", "workers=42");
        var none = BenchOptions.parse("--rate", "10");

        assertThat(named.pids())
                .containsEntry("workers", 42L)
                .containsEntry(BenchOptions.GENERATOR, ProcessHandle.current().pid());
        assertThat(none.pids()).isEmpty();
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> BenchOptions.parse("--rat", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --rat")
                .hasMessageContaining("usage:");
    }

    @Test
    void aShareAboveOneIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--rate", "10", "--decline", "1.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--decline");
    }

    @Test
    void durationsTakeTheUnitsPeopleType() {
        assertThat(BenchOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
    }
}
