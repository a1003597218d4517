package dev.comanda.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.DataTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SigningKeysTests extends DataTestSupport {

    @Autowired
    SigningKeys keys;

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
