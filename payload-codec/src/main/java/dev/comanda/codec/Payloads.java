package dev.comanda.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every {@link Payload} inside a Temporal message (a history, an event, a describe answer) mapped by a
 * function, the rest kept: how a history is decrypted for an authorized reader, or encrypted for the
 * committed replay histories. Walks the message by its descriptor, so no payload-carrying field is missed.
 */
public final class Payloads {

    private Payloads() {}

    @SuppressWarnings("unchecked")
    public static <M extends Message> M map(M message, UnaryOperator<Payload> function) {
        return (M) mapAny(message, function);
    }

    private static Message mapAny(Message message, UnaryOperator<Payload> function) {
        if (message instanceof Payload payload) {
            return function.apply(payload);
        }
        Message.Builder builder = null;
        for (var entry : message.getAllFields().entrySet()) {
            var field = entry.getKey();
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (builder == null) {
                builder = message.toBuilder();
            }
            if (field.isRepeated()) {
                builder.clearField(field);
                for (var element : (List<?>) entry.getValue()) {
                    builder.addRepeatedField(field, mapAny((Message) element, function));
                }
            } else {
                builder.setField(field, mapAny((Message) entry.getValue(), function));
            }
        }
        return builder == null ? message : builder.build();
    }
}
