package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The provider's books: charges, refunds and the responses stored under idempotency keys, guarded by this
 * object's lock. Each operation stages what it changes in a {@link LedgerChange} and commits it: written
 * to the {@link LedgerJournal} when there is one, then applied to the maps, so the books never hold
 * anything the disk does not and a failed write changes nothing. Without a journal everything is in memory
 * and each operation is a few map lookups; with one, the lock is held across one append and fsync.
 */
final class Ledger {

    /** A response the sandbox answers with, and replays for the same idempotency key. */
    record Answer(int status, JsonNode body) {}

    private record Stored(JsonNode request, Answer answer) {}

    private static final Logger LOG = Logger.getLogger(Ledger.class.getName());
    private static final Set<String> DECLINED_TOKENS = Set.of("tok_decline", "tok_insufficient_funds");

    private final ObjectMapper json;
    private final Clock clock;
    private final LedgerJournal journal;
    private final LongSupplier pixConfirmDelayMillis;
    private final BiConsumer<String, Long> confirmLater;
    private final Map<String, Stored> idempotent = new HashMap<>();
    private final Map<String, ObjectNode> charges = new HashMap<>();
    /** Pending PIX charges paid on their own, with when (epoch ms): what a restart must schedule again. */
    private final Map<String, Long> autoConfirmAt = new HashMap<>();
    /** Paid charges whose webhook has not gone out yet: what a restart must send again. */
    private final Set<String> unannounced = new HashSet<>();
    /** What the operation running under the lock has changed so far. */
    private LedgerChange staged;

    /**
     * @param journal where changes are kept and the books are rebuilt from; null keeps them in memory only
     * @param pixConfirmDelayMillis the delay after which a new PIX charge is paid on its own; negative: by hand
     * @param confirmLater schedules the automatic confirmation of a charge after a delay in milliseconds
     */
    Ledger(
            ObjectMapper json,
            Clock clock,
            LedgerJournal journal,
            LongSupplier pixConfirmDelayMillis,
            BiConsumer<String, Long> confirmLater) {
        this.json = json;
        this.clock = clock;
        this.journal = journal;
        this.pixConfirmDelayMillis = pixConfirmDelayMillis;
        this.confirmLater = confirmLater;
        if (journal != null) {
            journal.entries().forEach(entry -> apply(LedgerChange.fromEntry(entry)));
        }
    }

    /**
     * After a restart: schedules again the automatic confirmation of the pending PIX charges that had one
     * (overdue ones at once) and returns the paid charges whose webhook is still owed, for the caller to send.
     */
    synchronized List<ObjectNode> resume() {
        var now = clock.millis();
        autoConfirmAt.forEach((id, at) -> confirmLater.accept(id, Math.max(0, at - now)));
        var owed = new ArrayList<ObjectNode>();
        for (var id : unannounced) {
            var charge = charges.get(id);
            if (charge != null && charge.get("status").asText().equals("succeeded")) {
                owed.add(charge.deepCopy());
            }
        }
        return owed;
    }

    /**
     * Runs {@code operation} once per idempotency key: a repeat with the same body gets the stored answer,
     * a repeat with another body is refused. Invalid requests throw before anything is stored, like
     * Stripe, so a corrected request may reuse the key.
     */
    synchronized Answer once(String scope, String key, JsonNode request, Function<JsonNode, Answer> operation) {
        var idempotencyKey = key == null || key.isBlank() ? null : scope + ' ' + key;
        var stored = idempotencyKey == null ? null : idempotent.get(idempotencyKey);
        if (stored != null) {
            if (!stored.request().equals(request)) {
                throw SandboxError.keyReused();
            }
            return stored.answer();
        }
        staged = new LedgerChange();
        try {
            var answer = operation.apply(request);
            staged.idempotencyKey = idempotencyKey;
            staged.request = request;
            staged.answer = answer;
            commit(staged);
            return answer;
        } finally {
            staged = null;
        }
    }

    /** Runs inside {@link #once}. */
    Answer createCharge(JsonNode request) {
        var amount = ChargeFields.requirePositive(request, "amount");
        var currency = ChargeFields.requireText(request, "currency").toLowerCase();
        if (!currency.matches("[a-z]{3}")) {
            throw SandboxError.invalid("currency", "currency must be a three-letter ISO code");
        }
        var method = ChargeFields.requireText(request, "method").toUpperCase();
        var charge = json.createObjectNode()
                .put("id", ChargeFields.newId("ch_"))
                .put("object", "charge")
                .put("amount", amount)
                .put("currency", currency)
                .put("method", method)
                .put("description", request.path("description").asText(""))
                .put("created", clock.instant().getEpochSecond())
                .put("amount_refunded", 0);
        charge.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : json.createObjectNode());
        switch (method) {
            case "CARD" -> {
                var token = ChargeFields.requireText(request, "card_token");
                if (DECLINED_TOKENS.contains(token)) {
                    charge.put("status", "failed");
                    staged.charges.put(charge.get("id").asText(), charge);
                    var declineCode = token.equals("tok_insufficient_funds") ? "insufficient_funds" : "generic_decline";
                    var error = json.createObjectNode()
                            .put("type", "card_error")
                            .put("code", "card_declined")
                            .put("decline_code", declineCode)
                            .put("message", "Your card was declined.")
                            .put("charge", charge.get("id").asText());
                    return new Answer(402, json.createObjectNode().set("error", error));
                }
                charge.put("status", "succeeded");
            }
            case "PIX" ->
                charge.put("status", "pending")
                        .put("pix_code", ChargeFields.pixCode(charge.get("id").asText(), amount));
            default -> throw SandboxError.invalid("method", "method must be CARD or PIX");
        }
        staged.charges.put(charge.get("id").asText(), charge);
        var delay = pixConfirmDelayMillis.getAsLong();
        if (method.equals("PIX") && delay >= 0) {
            staged.confirmAt.put(charge.get("id").asText(), clock.millis() + delay);
        }
        return new Answer(200, charge.deepCopy());
    }

    /**
     * Refunds a captured charge in full, or voids a pending one (the refund's status is then "canceled").
     * Runs inside {@link #once}.
     */
    Answer refund(JsonNode request) {
        var chargeId = ChargeFields.requireText(request, "charge");
        if (!charges.containsKey(chargeId)) {
            throw new SandboxError(
                    404, "invalid_request_error", "resource_missing", "No such charge: " + chargeId, "charge");
        }
        var charge = charges.get(chargeId).deepCopy();
        var amount = charge.get("amount").asLong();
        if (request.hasNonNull("amount") && request.get("amount").asLong() != amount) {
            throw SandboxError.invalid("amount", "only full refunds are supported: amount must be " + amount);
        }
        var refund = json.createObjectNode()
                .put("id", ChargeFields.newId("re_"))
                .put("object", "refund")
                .put("charge", chargeId)
                .put("amount", amount)
                .put("currency", charge.get("currency").asText())
                .put("reason", request.path("reason").asText(""))
                .put("created", clock.instant().getEpochSecond());
        switch (charge.get("status").asText()) {
            case "succeeded" -> {
                charge.put("status", "refunded").put("amount_refunded", amount);
                refund.put("status", "succeeded");
            }
            case "pending" -> {
                charge.put("status", "canceled");
                refund.put("status", "canceled");
            }
            case "refunded", "canceled" ->
                throw SandboxError.state(
                        "charge_already_refunded", "Charge " + chargeId + " has already been refunded.");
            default -> throw SandboxError.state("charge_not_refundable", "Charge " + chargeId + " was never captured.");
        }
        staged.charges.put(chargeId, charge);
        return new Answer(200, refund);
    }

    /** Every charge, Stripe's list shape; the fault runs' checker counts charges per order from it. */
    synchronized JsonNode charges() {
        var list = json.createObjectNode().put("object", "list");
        var data = list.putArray("data");
        charges.values().forEach(charge -> data.add(charge.deepCopy()));
        return list;
    }

    synchronized int chargeCount() {
        return charges.size();
    }

    synchronized Optional<JsonNode> charge(String id) {
        return Optional.ofNullable(charges.get(id)).map(JsonNode::deepCopy);
    }

    /**
     * Marks a pending PIX charge paid. Returns the charge when this call paid it (so exactly one event
     * is sent), empty when it was already paid; a voided charge cannot be paid any more.
     */
    synchronized Optional<ObjectNode> confirm(String id) {
        var charge = charges.get(id);
        if (charge == null) {
            throw new SandboxError(404, "invalid_request_error", "resource_missing", "No such charge: " + id, null);
        }
        return switch (charge.get("status").asText()) {
            case "pending" -> {
                var change = new LedgerChange();
                var paid = charge.deepCopy().put("status", "succeeded");
                change.charges.put(id, paid);
                change.announce = id;
                commit(change);
                yield Optional.of(paid.deepCopy());
            }
            case "succeeded", "refunded" -> Optional.empty();
            default ->
                throw SandboxError.state(
                        "charge_not_pending",
                        "Charge " + id + " is " + charge.get("status").asText());
        };
    }

    /** The webhook of a paid charge was delivered, or given up on: a restart need not send it again. */
    synchronized void announced(String id) {
        if (!unannounced.contains(id)) {
            return;
        }
        var change = new LedgerChange();
        change.announced = id;
        try {
            commit(change);
        } catch (SandboxError e) {
            LOG.warning(() ->
                    "could not record the webhook of " + id + " as sent; a restart sends it again: " + e.getMessage());
        }
    }

    /** Journals {@code change} (when there is a journal) and only then applies it to the books. */
    private void commit(LedgerChange change) {
        if (change.isEmpty()) {
            return;
        }
        if (journal != null) {
            try {
                journal.append(change.toEntry(json));
            } catch (IOException e) {
                throw new SandboxError(
                        500,
                        "api_error",
                        "ledger_write_failed",
                        "The sandbox could not record the change on disk: " + e.getMessage(),
                        null);
            }
        }
        apply(change);
        var now = clock.millis();
        change.confirmAt.forEach((id, at) -> confirmLater.accept(id, Math.max(0, at - now)));
    }

    private void apply(LedgerChange change) {
        charges.putAll(change.charges);
        autoConfirmAt.putAll(change.confirmAt);
        change.charges.values().stream()
                .filter(charge -> !charge.get("status").asText().equals("pending"))
                .forEach(charge -> autoConfirmAt.remove(charge.get("id").asText()));
        if (change.idempotencyKey != null) {
            idempotent.put(change.idempotencyKey, new Stored(change.request, change.answer));
        }
        if (change.announce != null) {
            unannounced.add(change.announce);
        }
        if (change.announced != null) {
            unannounced.remove(change.announced);
        }
    }
}
