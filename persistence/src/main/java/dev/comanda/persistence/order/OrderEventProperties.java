package dev.comanda.persistence.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where order events travel between the workers (which commit them) and every api-facade instance
 * (which pushes them to clients): one Redis pub/sub topic per tenant, {@code <topicPrefix><tenantId>}.
 * Env {@code COMANDA_EVENTS_TOPIC_PREFIX}; both apps must agree on it.
 *
 * @param topicPrefix prefix of the tenants' Redis topics of order events; the same in the API and the workers
 */
@ConfigurationProperties("comanda.events")
public record OrderEventProperties(
        @DefaultValue("comanda:events:") String topicPrefix) {

    public String topic(String tenantId) {
        return topicPrefix + tenantId;
    }

    /** The glob matching every tenant's topic (tenant IDs are slugs: no glob characters). */
    public String everyTopic() {
        return topicPrefix + "*";
    }

    /** The tenant a topic belongs to, or null when the channel is not one of these topics. */
    public String tenantOf(String channel) {
        return channel.startsWith(topicPrefix) ? channel.substring(topicPrefix.length()) : null;
    }
}
