package dev.comanda.api.events;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WebSocket event endpoint ({@code comanda.api.events.*}, env {@code COMANDA_EVENTS_*}).
 *
 * @param heartbeat how often the server pings each client, re-checks its token and looks for events a
 *     lost publish left unsent
 * @param pongTimeout a client that answers no ping for this long is closed
 * @param authTimeout a client must authenticate within this long after connecting
 * @param maxCatchUp a reconnecting client that missed more events than this gets a {@code reset}
 *     (reload over REST) instead of the events
 * @param pageSize events read from the database per query while catching up
 * @param maxPending messages queued for one client before it is closed as too slow
 * @param sendTimeLimit how long one send to a client may block before the client is dropped
 * @param sendBufferBytes bytes buffered for a client whose send is blocked before it is dropped
 * @param allowedOrigins browser origins allowed to connect besides the API's own; api-facade.yml makes
 *     them the REST API's CORS origins unless set on their own. {@code *} would be safe (the token, never a
 *     cookie, authenticates) but is not the default: one list of trusted origins serves both.
 */
@ConfigurationProperties("comanda.api.events")
public record EventsProperties(
        @DefaultValue("20s") Duration heartbeat,
        @DefaultValue("60s") Duration pongTimeout,
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("10000") int maxCatchUp,
        @DefaultValue("500") int pageSize,
        @DefaultValue("10000") int maxPending,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1048576") int sendBufferBytes,
        @DefaultValue List<String> allowedOrigins) {}
