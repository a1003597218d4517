package dev.comanda.activities.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inventory settings ({@code comanda.inventory.*}, env {@code COMANDA_INVENTORY_*}).
 *
 * @param deadlockRetries how often one activity call retries a transaction that lost a deadlock (MySQL 1213)
 *     before Temporal's own retry takes over
 * @param sweeper the reservation sweeper
 */
@ConfigurationProperties("comanda.inventory")
public record InventoryProperties(
        @DefaultValue("5") int deadlockRetries,
        @DefaultValue Sweeper sweeper) {

    /**
     * @param enabled whether this process sweeps (every worker may: releases are conditional updates)
     * @param interval pause between two sweeps
     * @param grace how long past its expiry a RESERVED reservation is left alone, so an order that is
     *     about to commit is not raced
     * @param batchSize reservations released per transaction batch
     */
    public record Sweeper(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration interval,
            @DefaultValue("60s") Duration grace,
            @DefaultValue("100") int batchSize) {}
}
