package dev.comanda.e2e;

import java.util.Objects;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the activities test-jar (on this module's test classpath for {@code TestDatabase}) out of the
 * apps' component scans. The workers scan all of {@code dev.comanda}, so without this they would pick
 * up that jar's test configurations, each creating a database of its own and a second DataSource.
 * Registered for every Spring application of this module's tests in {@code META-INF/spring.factories};
 * {@code @SpringBootApplication} consults every {@link TypeExcludeFilter} bean while scanning.
 */
public final class TestJarExclusion implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton(TestJarExclusion.class.getName(), new TestClasses());
    }

    /** Test support ({@code dev.comanda.testing}) and test classes with their nested configurations. */
    static final class TestClasses extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            var name = reader.getClassMetadata().getClassName();
            var outermost = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            return name.startsWith("dev.comanda.testing.") || outermost.endsWith("Tests");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestClasses;
        }

        @Override
        public int hashCode() {
            return Objects.hash(TestClasses.class);
        }
    }
}
