package dev.comanda.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.codec.EncryptionCodec;
import dev.comanda.codec.MissingDataKeyException;
import dev.comanda.codec.PayloadEncryption;
import dev.comanda.testing.DataTestSupport;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.context.WorkflowSerializationContext;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayloadKeyStoreTests extends DataTestSupport {

    private static final String MASTER_A = MasterKeys.generate("master-a");
    private static final String MASTER_B = MasterKeys.generate("master-b");

    private PayloadKeyStore store(String masterKeys) {
        return new PayloadKeyStore(jdbc, MasterKeys.parse(masterKeys), Duration.ofMinutes(5), 100);
    }

    private static String workflowId() {
        return "order-keys-" + UUID.randomUUID();
    }

    private static Payload plain(String value) {
        return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
    }

    private static io.temporal.payload.codec.PayloadCodec codec(PayloadKeyStore keys, String workflowId) {
        return new EncryptionCodec(keys).withContext(new WorkflowSerializationContext("default", workflowId));
    }

    private static String keyId(Payload payload) {
        return payload.getMetadataOrThrow(PayloadEncryption.KEY_ID).toStringUtf8();
    }

    @Test
    void twoProcessesAgreeOnAWorkflowsKeyAndItIsStoredOnlyWrapped() {
        var workflow = workflowId();
        var api = store(MASTER_A);
        var worker = store(MASTER_A);

        var fromApi = api.current(workflow);
        var fromWorker = worker.current(workflow);

        assertThat(fromWorker.id()).isEqualTo(fromApi.id());
        assertThat(fromWorker.key().getEncoded()).isEqualTo(fromApi.key().getEncoded());
        var stored = jdbc.sql("SELECT wrapped_key FROM payload_data_keys WHERE scope = ?")
                .param(workflow)
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(fromApi.key().getEncoded(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void processesRacingToMakeTheFirstKeyOfManyWorkflowsAllAgree() throws Exception {
        var workflows = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> workflowId())
                .toList();
        var stores = List.of(store(MASTER_A), store(MASTER_A), store(MASTER_A));
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(stores.size())) {
            var made = stores.stream()
                    .map(keys -> threads.submit(() -> {
                        start.await();
                        return workflows.stream().map(keys::current).toList();
                    }))
                    .toList();
            start.countDown();
            var first = made.getFirst().get();
            for (var other : made) {
                var keys = other.get();
                for (int i = 0; i < workflows.size(); i++) {
                    assertThat(keys.get(i).id()).isEqualTo(first.get(i).id());
                    assertThat(keys.get(i).key().getEncoded())
                            .isEqualTo(first.get(i).key().getEncoded());
                }
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payload_data_keys WHERE scope IN (:scopes)")
                        .param("scopes", workflows)
                        .query(Long.class)
                        .single())
                .isEqualTo(workflows.size());
    }

    @Test
    void aWorkerThatDecodedAWorkflowsPayloadEncodesUnderItsKeyWithoutAskingAgain() {
        var workflow = workflowId();
        var encoded = codec(store(MASTER_A), workflow).encode(List.of(plain("Ana Decoded")));
        var worker = store(MASTER_A);
        worker.byId(keyId(encoded.getFirst()));
        // Gone from the table, the key is still the worker's current one for the workflow: the decode
        // cached it for encoding too, so the worker's results cost no second lookup.
        jdbc.sql("DELETE FROM payload_data_keys WHERE scope = ?")
                .param(workflow)
                .update();

        assertThat(worker.current(workflow).id()).isEqualTo(keyId(encoded.getFirst()));
    }

    @Test
    void aPayloadEncodedUnderMasterKeyADecodesAfterRotationToBAndNewPayloadsUseB() {
        var workflow = workflowId();
        var encodedWithA = codec(store(MASTER_A), workflow).encode(List.of(plain("Ana Rotation")));

        var rotated = store(MASTER_B + "," + MASTER_A);

        assertThat(codec(rotated, workflow).decode(encodedWithA)).containsExactly(plain("Ana Rotation"));
        var encodedNow = codec(rotated, workflow).encode(List.of(plain("Ana Rotation")));
        assertThat(keyId(encodedNow.getFirst())).isNotEqualTo(keyId(encodedWithA.getFirst()));
        assertThat(encodedNow
                        .getFirst()
                        .getMetadataOrThrow(PayloadEncryption.MASTER_KEY_ID)
                        .toStringUtf8())
                .isEqualTo("master-b");
    }

    @Test
    void aDataKeyWhoseMasterKeyIsNotConfiguredIsAClearError() {
        var workflow = workflowId();
        var encodedWithA = codec(store(MASTER_A), workflow).encode(List.of(plain("Ana Missing")));

        assertThatThrownBy(() -> codec(store(MASTER_B), workflow).decode(encodedWithA))
                .isInstanceOf(MissingDataKeyException.class)
                .hasMessageContaining("master key master-a")
                .hasMessageContaining("not configured");
    }

    @Test
    void erasingAWorkflowsKeysLeavesItsPayloadsUndecodable() {
        var workflow = workflowId();
        var keys = store(MASTER_A);
        var encoded = codec(keys, workflow).encode(List.of(plain("Ana Erased")));

        assertThat(keys.erase(List.of(workflow))).isEqualTo(1);

        assertThatThrownBy(() -> codec(keys, workflow).decode(encoded))
                .isInstanceOf(MissingDataKeyException.class)
                .hasMessageContaining("erased");
        assertThatThrownBy(() -> codec(store(MASTER_A), workflow).decode(encoded))
                .isInstanceOf(MissingDataKeyException.class);
    }

    @Test
    void aMissingOrMalformedMasterKeySettingNamesTheSetting() {
        assertThatThrownBy(() -> MasterKeys.parse("")).hasMessageContaining("COMANDA_PAYLOAD_MASTER_KEYS");
        assertThatThrownBy(() -> MasterKeys.parse("m1:c2hvcnQ="))
                .hasMessageContaining("master key m1 is 5 bytes, not 32");
    }
}
