package dev.comanda.api;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Integers as JSON Schema has them: any number without a fraction, so {@code 2} and {@code 2.0} (what a client
 * with one number type writes) are the integer 2, while {@code 2.5} or {@code 1e-40} is refused naming the
 * field, never rounded. Jackson's own float-to-int coercion either refuses 2.0 or truncates; request records
 * hold boxed integers, which these deserializers read.
 */
final class IntegralNumbers extends SimpleModule {

    IntegralNumbers() {
        super("comanda-integral-numbers");
        addDeserializer(Integer.class, new Exact<>(Integer.class) {
            @Override
            Integer convert(BigDecimal value) {
                return value.intValueExact();
            }
        });
        addDeserializer(Long.class, new Exact<>(Long.class) {
            @Override
            Long convert(BigDecimal value) {
                return value.longValueExact();
            }
        });
    }

    private abstract static class Exact<T extends Number> extends StdDeserializer<T> {

        Exact(Class<T> type) {
            super(type);
        }

        abstract T convert(BigDecimal value);

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_NUMBER_INT) && !parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            var value = parser.getDecimalValue();
            try {
                return convert(value);
            } catch (ArithmeticException e) {
                return (T) context.handleWeirdNumberValue(
                        handledType(), parser.getNumberValue(), "not an integer in range");
            }
        }
    }
}
