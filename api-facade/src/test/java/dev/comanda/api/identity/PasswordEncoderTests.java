package dev.comanda.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every password the API accepts (up to 64 characters of any script) is hashed whole, past BCrypt's 72 bytes. */
class PasswordEncoderTests {

    private final org.springframework.security.crypto.password.PasswordEncoder encoder =
            new IdentityConfiguration().passwordEncoder();

    @Test
    void aPasswordOfSixtyFourFourByteCharactersIsHashedAndChecked() {
        var password = "🍕".repeat(StaffPasswords.MAX_LENGTH / 2);
        assertThat(password.codePointCount(0, password.length())).isEqualTo(32);
        assertThat(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeGreaterThan(72);

        var hash = encoder.encode(password);

        assertThat(encoder.matches(password, hash)).isTrue();
        assertThat(hash).startsWith("{bcrypt}");
    }

    @Test
    void passwordsThatDifferOnlyPastTheSeventySecondByteAreTold() {
        var prefix = "ção".repeat(30);
        var hash = encoder.encode(prefix + "a");

        assertThat(encoder.matches(prefix + "b", hash)).isFalse();
        assertThat(encoder.matches(prefix + "a", hash)).isTrue();
    }
}
