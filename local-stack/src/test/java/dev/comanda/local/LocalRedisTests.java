package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.local.LocalStackOptions.RedisMode;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Against the local Redis ({@code COMANDA_TEST_REDIS_URL}) and real started ones on random ports. */
class LocalRedisTests {

    private static final String EXISTING_URL = env("COMANDA_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    @Test
    void usesARedisThatAnswers() {
        try (var redis = LocalRedis.start(new LocalStackOptions.Redis(EXISTING_URL, RedisMode.AUTO, 0))) {
            assertThat(redis.started()).isFalse();
            assertThat(redis.url()).isEqualTo(EXISTING_URL);
        }
    }

    @Test
    void fallsBackToEmbeddedRedisOnTheUrlPortWhenNothingAnswers() {
        var silentUrl = "redis://127.0.0.1:" + Ports.free();
        var redis = LocalRedis.start(
                new LocalStackOptions.Redis(silentUrl, RedisMode.AUTO, LocalStackOptions.SAME_PORT_AS_URL));
        try {
            assertThat(redis.started()).isTrue();
            assertThat(redis.url()).isEqualTo(silentUrl);
            assertThat(answers(redis.url())).isTrue();
        } finally {
            redis.close();
        }
        assertThat(answers(silentUrl)).isFalse();
    }

    @Test
    void startsTheRedisServerFromThePathWhenForced() {
        var redis = LocalRedis.start(new LocalStackOptions.Redis(EXISTING_URL, RedisMode.PATH, 0));
        try {
            assertThat(redis.started()).isTrue();
            assertThat(redis.url()).isNotEqualTo(EXISTING_URL);
            assertThat(answers(redis.url())).isTrue();
        } finally {
            redis.close();
        }
        assertThat(answers(redis.url())).isFalse();
    }

    @Test
    void refusesToStartAnythingWhenOnlyTheExistingOneIsAllowed() {
        var silentUrl = "redis://127.0.0.1:" + Ports.free();

        assertThatThrownBy(() -> LocalRedis.start(new LocalStackOptions.Redis(silentUrl, RedisMode.EXISTING, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(silentUrl);
    }

    private static boolean answers(String url) {
        var uri = URI.create(url);
        return LocalRedis.answers(uri.getHost(), uri.getPort());
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
