package dev.comanda.order;

import java.time.Instant;
import java.util.List;

/**
 * Where an order taken offline came from: the POS device, the device's own ID for the order, the
 * device's clock when the waiter confirmed it, and the sync rules that flagged it for review (empty
 * when none did). Such an order has usually been served and paid already, so its stock is sold
 * outright, into a counted deficit when short, instead of being reserved and refused.
 */
public record OfflineOrigin(String deviceId, String clientOrderId, Instant takenAt, List<String> flags) {

    public OfflineOrigin {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
