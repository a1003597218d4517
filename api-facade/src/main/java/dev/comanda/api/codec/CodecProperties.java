package dev.comanda.api.codec;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The remote codec Temporal UI decodes payloads with ({@code /codec}, docs/personal-data.md):
 * {@code comanda.api.codec.*}, env {@code COMANDA_API_CODEC_*}.
 *
 * @param allowedOrigins the Temporal UI origins whose pages may call {@code /codec} (the local run sets its
 *     dev server's UI); empty: none
 * @param maxAge how long a browser may keep a preflight's answer
 */
@ConfigurationProperties("comanda.api.codec")
public record CodecProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1h") Duration maxAge) {}
