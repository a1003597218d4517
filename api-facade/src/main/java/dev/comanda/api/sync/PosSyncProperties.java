package dev.comanda.api.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The POS sync endpoints ({@code comanda.api.sync.*}, env {@code COMANDA_SYNC_*}); docs/pos-sync.md.
 *
 * @param maxBatch the most orders one {@code POST /sync/orders} may carry
 * @param startConcurrency how many of a batch's workflows one request starts at once
 * @param offlinePriceMaxAge an offline order younger than this is charged the price its device showed
 *     even when the catalog's changed since; an older one is recorded at that price but flagged
 * @param clockSkew how far in the future a device's {@code createdAt} may be before it is refused
 * @param acceptDeadline how long a synced order may wait for its first kitchen move before it is
 *     cancelled; long, since it was usually served while the device was offline
 * @param defaultLimit changes answered by one pull when the client names no limit
 * @param maxLimit the largest {@code limit} a pull accepts
 * @param maxLag a cursor further behind than this many order events answers 410: resync from the snapshot
 * @param snapshotWindow the snapshot holds every open order and those that changed within this window
 * @param snapshotMaxOrders the most orders a snapshot holds
 */
@ConfigurationProperties("comanda.api.sync")
public record PosSyncProperties(
        @DefaultValue("100") int maxBatch,
        @DefaultValue("8") int startConcurrency,
        @DefaultValue("24h") Duration offlinePriceMaxAge,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("12h") Duration acceptDeadline,
        @DefaultValue("500") int defaultLimit,
        @DefaultValue("1000") int maxLimit,
        @DefaultValue("100000") long maxLag,
        @DefaultValue("24h") Duration snapshotWindow,
        @DefaultValue("5000") int snapshotMaxOrders) {}
