package dev.comanda.api.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /**
     * Spring Security's delegating encoder: new hashes in its default (BCrypt), each stored with its
     * {@code {id}} so a later default (Argon2) checks old hashes and upgrades them on the next login. BCrypt
     * reads 72 bytes at most and refuses more, while a password of 64 characters outside ASCII can take 256:
     * the encoder is given the password's SHA-256 (44 characters of Base64) instead, so every password the API
     * accepts is hashed whole.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        var delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return delegate.encode(digest(rawPassword));
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return delegate.matches(digest(rawPassword), encodedPassword);
            }

            @Override
            public boolean upgradeEncoding(String encodedPassword) {
                return delegate.upgradeEncoding(encodedPassword);
            }
        };
    }

    private static String digest(CharSequence rawPassword) {
        try {
            var sha256 = MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder()
                    .encodeToString(sha256.digest(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
