package dev.comanda.api.docs;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;

/** Schemas built by hand, typed for both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) writers. */
final class Schemas {

    private Schemas() {}

    static <S extends Schema<?>> S typed(S schema, String type) {
        schema.setType(type);
        schema.addType(type);
        return schema;
    }

    static Schema<?> ref(String component) {
        return new Schema<>().$ref("#/components/schemas/" + component);
    }

    /** {@code schema} or JSON null. */
    static Schema<?> orNull(Schema<?> schema) {
        var result = new Schema<>().anyOf(List.of(schema, typed(new Schema<>(), "null")));
        result.setDescription(schema.getDescription());
        return result;
    }
}
