package dev.comanda.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.payload.context.WorkflowSerializationContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncryptionCodecTests {

    /** A customer as an order carries one. */
    record Customer(String name, String email, String phone) {}

    private static final Customer ANA = new Customer("Ana Encrypted", "ana.encrypted@example.com", "+5511999990000");

    private static byte[] key(char fill) {
        var raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) fill);
        return raw;
    }

    private static Payload plain(Object value) {
        return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
    }

    @Test
    void anEncodedPayloadHoldsNoPlainTextAndNamesItsKey() {
        var codec = new EncryptionCodec(StaticDataKeys.testKeys());

        var encoded = codec.encode(List.of(plain(ANA))).getFirst();

        assertThat(PayloadEncryption.isEncrypted(encoded)).isTrue();
        assertThat(encoded.getMetadataOrThrow(PayloadEncryption.KEY_ID).toStringUtf8())
                .isEqualTo(StaticDataKeys.TEST_KEY_ID);
        var bytes = new String(encoded.toByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("Ana Encrypted").doesNotContain("ana.encrypted@example.com");
        assertThat(codec.decode(List.of(encoded))).containsExactly(plain(ANA));
    }

    @Test
    void theDataConverterRoundTripsADomainRecord() {
        var converter = PayloadEncryption.dataConverter(StaticDataKeys.testKeys());

        var payloads = converter.toPayloads(ANA).orElseThrow();

        assertThat(PayloadEncryption.isEncrypted(payloads.getPayloads(0))).isTrue();
        assertThat(converter.fromPayloads(0, Optional.of(payloads), Customer.class, Customer.class))
                .isEqualTo(ANA);
    }

    @Test
    void aPayloadEncodedWithKeyADecodesAfterRotationToKeyB() {
        var before = new EncryptionCodec(new StaticDataKeys(Map.of("key-a", key('a'))));
        var encodedWithA = before.encode(List.of(plain(ANA)));
        var rotated = new LinkedHashMap<String, byte[]>();
        rotated.put("key-b", key('b'));
        rotated.put("key-a", key('a'));
        var after = new EncryptionCodec(new StaticDataKeys(rotated));

        assertThat(after.decode(encodedWithA)).containsExactly(plain(ANA));
        var encodedNow = after.encode(List.of(plain(ANA))).getFirst();
        assertThat(encodedNow.getMetadataOrThrow(PayloadEncryption.KEY_ID).toStringUtf8())
                .isEqualTo("key-b");
    }

    @Test
    void aPayloadUnderAnUnknownKeyIsAClearErrorNeverPlainText() {
        var encoded = new EncryptionCodec(new StaticDataKeys(Map.of("key-a", key('a')))).encode(List.of(plain(ANA)));
        var other = new EncryptionCodec(new StaticDataKeys(Map.of("key-b", key('b'))));

        assertThatThrownBy(() -> other.decode(encoded))
                .isInstanceOf(MissingDataKeyException.class)
                .hasMessageContaining("key-a");
    }

    @Test
    void aTamperedPayloadDoesNotDecode() {
        var codec = new EncryptionCodec(StaticDataKeys.testKeys());
        var encoded = codec.encode(List.of(plain(ANA))).getFirst();
        var data = encoded.getData().toByteArray();
        data[data.length - 1] ^= 1;
        var tampered = encoded.toBuilder()
                .setData(com.google.protobuf.ByteString.copyFrom(data))
                .build();

        assertThatThrownBy(() -> codec.decode(List.of(tampered))).isInstanceOf(PayloadCodecException.class);
    }

    @Test
    void aPlainPayloadWrittenBeforeEncryptionStillDecodes() {
        var codec = new EncryptionCodec(StaticDataKeys.testKeys());

        assertThat(codec.decode(List.of(plain(ANA)))).containsExactly(plain(ANA));
    }

    @Test
    void aWorkflowsPayloadsAreEncryptedUnderItsOwnScope() {
        var scopes = new ArrayList<String>();
        var keys = new DataKeys() {
            final StaticDataKeys inner = StaticDataKeys.testKeys();

            @Override
            public DataKey current(String scope) {
                scopes.add(scope);
                return inner.current(scope);
            }

            @Override
            public DataKey byId(String id) {
                return inner.byId(id);
            }
        };
        var codec = new EncryptionCodec(keys);

        codec.withContext(new WorkflowSerializationContext("default", "order-t1-abc"))
                .encode(List.of(plain(ANA)));
        codec.encode(List.of(plain(ANA)));

        assertThat(scopes).containsExactly("order-t1-abc", PayloadEncryption.NO_CONTEXT_SCOPE);
    }
}
