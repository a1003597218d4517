package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what {@link ConfigurationReference} makes of the metadata and yml files (run with
 * {@code -Dcomanda.write-docs=true} to rewrite it), and it names every {@code COMANDA_*} variable the code reads.
 */
class ConfigurationReferenceTests {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path PAGE = ROOT.resolve("docs/configuration.md");
    private static final Pattern VARIABLE = Pattern.compile("COMANDA_[A-Z0-9_]*[A-Z0-9]");
    /** What is read besides the modules' {@code src/main}: the one-command launcher. */
    private static final List<String> SCRIPTS = List.of("comanda-local", "dev-services/temporal-cli");

    private static final Set<String> SOURCES = Set.of("java", "yml", "yaml", "properties", "sh", "py");

    @Test
    void thePageIsCurrent() throws IOException {
        var current = Files.exists(PAGE) ? Files.readString(PAGE) : null;
        var expected = ConfigurationReference.fromClassPath().render(current);
        if (Boolean.getBoolean("comanda.write-docs") && !expected.equals(current)) {
            Files.writeString(PAGE, expected);
            current = expected;
        }
        assertThat(current)
                .as("docs/configuration.md is stale: run ConfigurationReferenceTests with -Dcomanda.write-docs=true")
                .isEqualTo(expected);
    }

    @Test
    void everyVariableTheCodeReadsIsListed() throws IOException {
        var page = Files.readString(PAGE);
        var listed = new TreeSet<String>();
        VARIABLE.matcher(page).results().forEach(r -> listed.add(r.group()));
        var read = new TreeSet<String>();
        for (var file : sources()) {
            var text = Files.readString(file, StandardCharsets.UTF_8);
            VARIABLE.matcher(text)
                    .results()
                    // COMANDA_IDENTITY_* and the like name a family, not a variable.
                    .filter(r -> r.end() >= text.length() || text.charAt(r.end()) != '_')
                    .forEach(r -> read.add(r.group()));
        }
        assertThat(read).as("variables the code reads").hasSizeGreaterThan(50);
        read.removeAll(listed);
        assertThat(read)
                .as("COMANDA_* variables read but not in docs/configuration.md")
                .isEmpty();
    }

    @Test
    void aYmlDefaultIsTheRecordsDefault() {
        assertThat(ConfigurationReference.fromClassPath().disagreements()).isEmpty();
    }

    @Test
    void everySettingHasAMeaning() {
        assertThat(ConfigurationReference.fromClassPath().settings())
                .filteredOn(s -> s.meaning().isBlank())
                .extracting(ConfigurationReference.Setting::env)
                .isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            var found = files.filter(Files::isRegularFile)
                    .filter(f -> {
                        var relative = ROOT.relativize(f).toString();
                        if (relative.startsWith("var/")
                                || relative.contains("/target/")
                                || relative.startsWith(".git")) {
                            return false;
                        }
                        var name = f.getFileName().toString();
                        var dot = name.lastIndexOf('.');
                        return relative.contains("/src/main/") && dot > 0 && SOURCES.contains(name.substring(dot + 1));
                    })
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            SCRIPTS.forEach(s -> found.add(ROOT.resolve(s)));
            return found;
        }
    }
}
