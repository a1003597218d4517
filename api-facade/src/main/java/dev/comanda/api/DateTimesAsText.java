package dev.comanda.api;

import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Dates and times as the document has them ({@code format: date-time}, a string): text only. Jackson reads a
 * number as epoch seconds (and an array as the fields of a date), so {@code "closedAt": 1700000000} would be a
 * time in 2023 that no client meant; here it is refused naming the field, like any value of the wrong type. An
 * instant's text is read as RFC 3339 has it ({@link DateTimes}), any offset the RFC allows included.
 * Every {@code java.time} type of every body is covered, whatever record holds it. Jackson's coercion
 * settings cannot say this: its date-time deserializers read numbers without consulting them.
 */
final class DateTimesAsText extends SimpleModule {

    DateTimesAsText() {
        super("comanda-date-times-as-text");
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription.Supplier type, ValueDeserializer<?> deserializer) {
                if (type.getBeanClass() == Instant.class) {
                    return new Rfc3339();
                }
                return TemporalAccessor.class.isAssignableFrom(type.getBeanClass())
                        ? new TextOnly(deserializer)
                        : deserializer;
            }
        });
    }

    /** An instant: RFC 3339 text only, read by {@link DateTimes#parse}, as the document's date-time is. */
    private static final class Rfc3339 extends StdDeserializer<Instant> {

        Rfc3339() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            var text = parser.getString();
            try {
                return DateTimes.parse(text);
            } catch (IllegalArgumentException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, e.getMessage());
            }
        }
    }

    /** Any other date or time type: the deserializer Jackson chose, reached only with a JSON string. */
    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }
}
