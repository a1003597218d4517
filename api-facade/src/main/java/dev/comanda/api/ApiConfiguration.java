package dev.comanda.api;

import java.time.Clock;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    /** Server time for placements; one bean so tests and code read the same clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Migrations connect on their own, without the pool's socket timeout (api-facade.yml): a long
     * ALTER on a big table must not be cut off like a request's statement that hangs.
     */
    @Bean
    FlywayConfigurationCustomizer migrationsWithoutSocketTimeout(DataSourceProperties database) {
        return flyway ->
                flyway.dataSource(database.determineUrl(), database.determineUsername(), database.determinePassword());
    }

    /**
     * Strict request types, so a wrong type is refused naming its field instead of being guessed at: "1"
     * is not a quantity, 1.5 is not 1 (2.0 is 2, as JSON Schema says), 5 or true is not a name, an enum is named,
     * never numbered, and a date-time is text, never epoch seconds.
     */
    @Bean
    JsonMapperBuilderCustomizer strictRequestTypes() {
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new IntegralNumbers())
                .addModule(new DateTimesAsText());
    }
}
