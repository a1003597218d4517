package dev.comanda.order;

/**
 * Who, by name, asked for a change: a person of the staff, an integration API key, a POS device, a
 * signed-in customer, a guest holding its order's tracking token, or the operator. {@link Actor} says
 * which rules apply (the role); this says who it was, for the timeline, the ops ledger and the kitchen
 * board. It rides on the Workflow Update arguments ({@link TransitionRequest}, {@link CancelRequest})
 * as a nullable field: histories recorded before it existed replay with {@code null}.
 *
 * @param kind what authenticated the caller
 * @param id the account's, key's or device's ID in its tenant (the order's for a guest; null for the operator)
 * @param name what people read: a person's or a customer's name, the key's or device's name
 */
public record ActingParty(Kind kind, String id, String name) {

    public enum Kind {
        STAFF,
        API_KEY,
        DEVICE,
        CUSTOMER,
        GUEST,
        OPERATOR
    }

    /** What the ops ledger and the logs read: {@code STAFF 12 (Ana)}. */
    public String label() {
        return kind + (id == null ? "" : " " + id) + (name == null ? "" : " (" + name + ")");
    }
}
