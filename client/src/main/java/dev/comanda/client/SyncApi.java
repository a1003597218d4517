package dev.comanda.client;

import dev.comanda.client.Sync.Page;
import dev.comanda.client.Sync.SyncOrder;
import dev.comanda.client.Sync.Upload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/sync}: a POS device's batch upload of orders taken offline, and its delta pull. */
public final class SyncApi {

    private static final String SYNC = Transport.API + "/sync";

    private final Transport transport;
    private final String token;

    SyncApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /** Uploads a batch (DEVICE tokens); each order gets its own result, the batch answers 200. */
    public Upload upload(List<SyncOrder> orders) {
        return transport.call(
                "POST", SYNC + "/orders", Transport.headers(token), Map.of("orders", orders), Upload.class);
    }

    /** What changed since {@code cursor} (null: from the beginning); a 410 says to resync from the snapshot. */
    public Page changes(String cursor, Integer limit) {
        var parts = new ArrayList<String>();
        OrderQuery.add(parts, "since", cursor);
        OrderQuery.add(parts, "limit", limit);
        var query = parts.isEmpty() ? "" : "?" + String.join("&", parts);
        return transport.call("GET", SYNC + "/changes" + query, Transport.headers(token), null, Page.class);
    }

    /** The whole catalog and the open and recent orders, with the cursor to pull from next. */
    public Page snapshot() {
        return transport.call("GET", SYNC + "/snapshot", Transport.headers(token), null, Page.class);
    }
}
