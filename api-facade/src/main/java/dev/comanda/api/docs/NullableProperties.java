package dev.comanda.api.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The API writes a record's absent values as JSON null (an order's {@code reason}, a payment not made
 * yet): every property may be null but the required ones (what a request body demands) and primitives,
 * which become required.
 */
final class NullableProperties {

    private NullableProperties() {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void apply(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        openApi.getComponents().getSchemas().forEach((name, schema) -> {
            if (name.equals(OpenApiConfiguration.PROBLEM) || schema.getProperties() == null) {
                return;
            }
            var required = new ArrayList<String>(schema.getRequired() == null ? List.of() : schema.getRequired());
            var properties = new LinkedHashMap<String, Schema>();
            ((java.util.Map<String, Schema>) schema.getProperties()).forEach((property, value) -> {
                if (value.getExtensions() != null
                        && value.getExtensions().remove(OpenApiConfiguration.NEVER_NULL) != null
                        && !required.contains(property)) {
                    required.add(property);
                }
                properties.put(
                        property, required.contains(property) || isNullable(value) ? value : Schemas.orNull(value));
            });
            schema.setProperties(properties);
            schema.setRequired(required.isEmpty() ? null : required);
        });
    }

    private static boolean isNullable(Schema<?> schema) {
        return schema.getAnyOf() != null
                && schema.getAnyOf().stream()
                        .anyMatch(s -> s.getTypes() != null && s.getTypes().contains("null"));
    }
}
