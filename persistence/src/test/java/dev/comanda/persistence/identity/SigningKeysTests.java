package dev.comanda.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.persistence.crypto.MasterKeys;
import dev.comanda.testing.DataTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

class SigningKeysTests extends DataTestSupport {

    /** Stands for an RSA JWK: what must not be readable from the table is its private exponent. */
    private static final String JWK = "{\"kty\":\"RSA\",\"d\":\"the-private-exponent\"}";

    private static final String NEW_MASTER = MasterKeys.generate("master-2");

    @Autowired
    SigningKeys keys;

    /** The master keys of the test JVM (the build sets them), as the API's {@code SigningKeys} has them. */
    @Value("${comanda.payload-crypto.master-keys}")
    String masterKeys;

    @Test
    void aKeyIsStoredSealedByTheNewestMasterKeyAndReadBackInClear() {
        var kid = "k-" + UUID.randomUUID();

        keys.rotateTo(kid, JWK);

        var row = row(kid);
        assertThat(row.get("master_key_id"))
                .isEqualTo(MasterKeys.parse(masterKeys).newestId());
        assertThat((String) row.get("jwk"))
                .doesNotContain("the-private-exponent")
                .doesNotContain("RSA");
        assertThat(jwkOf(keys, kid)).isEqualTo(JWK);
    }

    @Test
    void aKeyStoredInClearBeforeSealingIsReadAsItIsAndSealedOnce() {
        var kid = "k-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO signing_keys (kid, jwk, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))")
                .params(kid, JWK)
                .update();
        assertThat(jwkOf(keys, kid)).isEqualTo(JWK);

        assertThat(keys.sealAll()).isPositive();
        var sealed = row(kid);
        keys.sealAll();

        assertThat((String) sealed.get("jwk")).doesNotContain("the-private-exponent");
        assertThat(sealed.get("master_key_id")).isNotNull();
        assertThat(row(kid)).as("sealed once").isEqualTo(sealed);
        assertThat(jwkOf(keys, kid)).isEqualTo(JWK);
    }

    @Test
    void aMasterKeyRotationSealsEveryKeyAgainUnderTheNewestAndTheOldOneCanThenGo() {
        var kid = "k-" + UUID.randomUUID();
        keys.rotateTo(kid, JWK);
        var rotated = new SigningKeys(jdbc, MasterKeys.parse(NEW_MASTER + "," + masterKeys));
        try {
            rotated.sealAll();

            assertThat(row(kid).get("master_key_id")).isEqualTo("master-2");
            assertThat(jwkOf(new SigningKeys(jdbc, MasterKeys.parse(NEW_MASTER)), kid))
                    .isEqualTo(JWK);
            assertThatThrownBy(keys::all)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sealed by master key master-2")
                    .hasMessageContaining("COMANDA_PAYLOAD_MASTER_KEYS");
        } finally {
            // Back under this JVM's master key, for the other tests sharing the table.
            new SigningKeys(jdbc, MasterKeys.parse(masterKeys + "," + NEW_MASTER)).sealAll();
        }
        assertThat(jwkOf(keys, kid)).isEqualTo(JWK);
    }

    @Test
    void aSealedKeyCopiedUnderAnotherKidDoesNotOpen() {
        var kid = "k-" + UUID.randomUUID();
        var copy = "k-" + UUID.randomUUID();
        keys.rotateTo(kid, JWK);
        jdbc.sql("INSERT INTO signing_keys (kid, jwk, master_key_id, created_at, retired_at)"
                        + " SELECT ?, jwk, master_key_id, created_at, UTC_TIMESTAMP(6) FROM signing_keys WHERE kid = ?")
                .params(copy, kid)
                .update();
        try {
            assertThatThrownBy(keys::all)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(copy);
        } finally {
            jdbc.sql("DELETE FROM signing_keys WHERE kid = ?").param(copy).update();
        }
    }

    @Test
    void withPayloadEncryptionOffAKeyIsStoredInClear() {
        var kid = "k-" + UUID.randomUUID();
        var clear = new SigningKeys(jdbc, (MasterKeys) null);

        clear.rotateTo(kid, JWK);

        assertThat(row(kid)).containsEntry("jwk", JWK).containsEntry("master_key_id", null);
        assertThat(clear.sealAll()).isZero();
        assertThat(row(kid)).containsEntry("master_key_id", null);
        // (The other tests' keys in this table are sealed: only a process with the master key reads them all.)
        assertThat(jwkOf(keys, kid)).isEqualTo(JWK);
    }

    private Map<String, Object> row(String kid) {
        return jdbc.sql("SELECT jwk, master_key_id FROM signing_keys WHERE kid = ?")
                .param(kid)
                .query()
                .singleRow();
    }

    private static String jwkOf(SigningKeys keys, String kid) {
        return keys.all().stream()
                .filter(key -> key.kid().equals(kid))
                .findFirst()
                .orElseThrow()
                .jwk();
    }

    @Test
    void rotatingRetiresTheOtherKeysAndKeepsThemForVerifying() {
        var old = "k-" + UUID.randomUUID();
        var current = "k-" + UUID.randomUUID();
        keys.rotateTo(old, "{}");

        keys.rotateTo(current, "{}");

        var all = keys.all();
        assertThat(all).extracting(SigningKeys.SigningKey::kid).contains(old, current);
        assertThat(all.stream()
                        .filter(k -> k.kid().equals(current))
                        .findFirst()
                        .orElseThrow()
                        .retiredAt())
                .isNull();
        assertThat(all.stream()
                        .filter(k -> k.kid().equals(old))
                        .findFirst()
                        .orElseThrow()
                        .retiredAt())
                .isNotNull();
    }

    @Test
    void aRetiredKeyIsDroppedOnlyAfterItsGrace() {
        var old = "k-" + UUID.randomUUID();
        keys.rotateTo(old, "{}");
        keys.rotateTo("k-" + UUID.randomUUID(), "{}");

        keys.deleteRetiredBefore(Instant.now(), Duration.ofHours(1));
        assertThat(keys.all()).extracting(SigningKeys.SigningKey::kid).contains(old);

        keys.deleteRetiredBefore(Instant.now().plus(Duration.ofHours(2)), Duration.ofHours(1));
        assertThat(keys.all()).extracting(SigningKeys.SigningKey::kid).doesNotContain(old);
    }
}
