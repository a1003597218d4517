package dev.comanda.persistence.crypto;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code comanda.payload-crypto.*} (env {@code COMANDA_PAYLOAD_*}): encryption of every payload sent to
 * Temporal (docs/personal-data.md).
 *
 * @param enabled whether payloads are encrypted; off only for a before/after measurement, never where
 *     customers' data flows ({@code COMANDA_PAYLOAD_ENCRYPTION})
 * @param masterKeys the master keys that wrap the data keys, {@code id:base64} of 32 bytes, newest first
 *     ({@code COMANDA_PAYLOAD_MASTER_KEYS})
 * @param cacheTtl how long a process keeps a data key unwrapped in memory: also how long an erased key
 *     may still decode in a process that had it cached
 * @param cacheSize the most data keys a process keeps unwrapped
 */
@ConfigurationProperties("comanda.payload-crypto")
public record PayloadCryptoProperties(
        @DefaultValue("true") boolean enabled,
        String masterKeys,
        @DefaultValue("5m") Duration cacheTtl,
        @DefaultValue("20000") int cacheSize) {}
