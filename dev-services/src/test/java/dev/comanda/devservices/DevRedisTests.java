package dev.comanda.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Real Redis servers on random ports: the embedded binary and a redis-server from the PATH. */
class DevRedisTests {

    @Test
    void usesARedisThatAnswers() {
        try (var running = DevRedis.start(silentUrl(), "X", RedisMode.EMBEDDED, 0);
                var redis = DevRedis.start(running.url(), "X", RedisMode.AUTO, 0)) {
            assertThat(redis.started()).isFalse();
            assertThat(redis.url()).isEqualTo(running.url());
        }
    }

    @Test
    void fallsBackToEmbeddedRedisOnTheUrlPortWhenNothingAnswers() {
        var silentUrl = silentUrl();
        var redis = DevRedis.start(silentUrl, "X", RedisMode.AUTO, Ports.SAME_AS_URL);
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
    void startsTheRedisServerFromThePathWhenForcedOrSaysThereIsNone() {
        if (DevRedis.onPath("redis-server").isEmpty()) {
            assertThatThrownBy(() -> DevRedis.start(silentUrl(), "X", RedisMode.PATH, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no redis-server on the PATH");
            return;
        }
        var redis = DevRedis.start(silentUrl(), "X", RedisMode.PATH, 0);
        try {
            assertThat(redis.started()).isTrue();
            assertThat(answers(redis.url())).isTrue();
        } finally {
            redis.close();
        }
        assertThat(answers(redis.url())).isFalse();
    }

    @Test
    void refusesToStartAnythingWhenOnlyTheExistingOneIsAllowed() {
        var silentUrl = silentUrl();

        assertThatThrownBy(() -> DevRedis.start(silentUrl, "COMANDA_REDIS_URL", RedisMode.EXISTING, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(silentUrl)
                .hasMessageContaining("COMANDA_REDIS_URL");
    }

    private static String silentUrl() {
        return "redis://127.0.0.1:" + Ports.free();
    }

    private static boolean answers(String url) {
        var uri = URI.create(url);
        return DevRedis.answers(uri.getHost(), uri.getPort());
    }
}
