package dev.comanda.api.docs;

/** Names the OpenAPI document shares with the controllers: its tags (one per resource) and recurring answers. */
public final class ApiDocs {

    public static final String ORDERS = "Orders";
    public static final String PRODUCTS = "Products";
    public static final String TENANTS = "Tenants";
    public static final String DEVICES = "Devices";
    public static final String API_KEYS = "API keys";
    public static final String AUTH = "Sign-in";
    public static final String STAFF = "Staff";
    public static final String SYNC = "Sync";
    public static final String OPS = "Ops queue";
    public static final String PAYMENTS = "Payments";

    public static final String REFUSED_MOVE =
            "Refused: the order's status, fulfilment or the caller's role does not allow it; detail says why";
    public static final String PLACEMENT_REFUSED =
            "A field is invalid (unknown or inactive product, missing address or card token), or the"
                    + " Idempotency-Key was used for another order";
    public static final String OPS_CONFLICT =
            "Nothing to do (not in the queue, already resolved, nothing to retry), or the Idempotency-Key was"
                    + " used for another action";

    private ApiDocs() {}
}
