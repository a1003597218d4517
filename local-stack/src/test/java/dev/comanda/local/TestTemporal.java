package dev.comanda.local;

import dev.comanda.devservices.TemporalCli;
import java.nio.file.Path;

/**
 * The Temporal of the tests: a real {@code temporal server start-dev} on free ports, never the in-memory
 * fallback — a machine without the Temporal CLI (and without Python to install it) fails the run.
 * The build passes {@code comanda.tools.dir} (the project's {@code var/tools}), so the CLI is installed
 * once per checkout, the way {@code ./comanda-local} installs it.
 */
public final class TestTemporal {

    private TestTemporal() {}

    public static LocalStackOptions.Temporal devServer(Path dataDir) {
        return LocalStackOptions.Temporal.devServer(dataDir, toolsDir());
    }

    /** The Temporal CLI binary the tests run, found or installed as the local run does. */
    public static Path cli() {
        return TemporalCli.forTests();
    }

    public static Path toolsDir() {
        return Path.of(System.getProperty("comanda.tools.dir", "../var/tools"));
    }
}
