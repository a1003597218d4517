package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The provider's books: charges, refunds and the responses stored under idempotency keys. Everything
 * here is in memory and guarded by this object's lock; each operation is a few map lookups, so the
 * lock is never held across I/O or simulated latency.
 */
final class Ledger {

    /** A response the sandbox answers with, and replays for the same idempotency key. */
    record Answer(int status, JsonNode body) {}

    private record Stored(JsonNode request, Answer answer) {}

    private static final Set<String> DECLINED_TOKENS = Set.of("tok_decline", "tok_insufficient_funds");

    private final ObjectMapper json;
    private final Clock clock;
    private final Consumer<ObjectNode> onPixCreated;
    private final Map<String, Stored> idempotent = new HashMap<>();
    private final Map<String, ObjectNode> charges = new HashMap<>();

    Ledger(ObjectMapper json, Clock clock, Consumer<ObjectNode> onPixCreated) {
        this.json = json;
        this.clock = clock;
        this.onPixCreated = onPixCreated;
    }

    /**
     * Runs {@code operation} once per idempotency key: a repeat with the same body gets the stored answer,
     * a repeat with another body is refused. Invalid requests throw before anything is stored, like
     * Stripe, so a corrected request may reuse the key.
     */
    synchronized Answer once(
            String scope, String key, JsonNode request, java.util.function.Function<JsonNode, Answer> operation) {
        if (key == null || key.isBlank()) {
            return operation.apply(request);
        }
        var stored = idempotent.get(scope + ' ' + key);
        if (stored != null) {
            if (!stored.request().equals(request)) {
                throw new SandboxError(
                        422,
                        "idempotency_error",
                        "idempotency_key_reused",
                        "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                        null);
            }
            return stored.answer();
        }
        var answer = operation.apply(request);
        idempotent.put(scope + ' ' + key, new Stored(request, answer));
        return answer;
    }

    Answer createCharge(JsonNode request) {
        var amount = requirePositive(request, "amount");
        var currency = requireText(request, "currency").toLowerCase();
        if (!currency.matches("[a-z]{3}")) {
            throw SandboxError.invalid("currency", "currency must be a three-letter ISO code");
        }
        var method = requireText(request, "method").toUpperCase();
        var charge = json.createObjectNode()
                .put("id", newId("ch_"))
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
                var token = requireText(request, "card_token");
                if (DECLINED_TOKENS.contains(token)) {
                    charge.put("status", "failed");
                    charges.put(charge.get("id").asText(), charge);
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
                        .put("pix_code", pixCode(charge.get("id").asText(), amount));
            default -> throw SandboxError.invalid("method", "method must be CARD or PIX");
        }
        charges.put(charge.get("id").asText(), charge);
        if (method.equals("PIX")) {
            onPixCreated.accept(charge.deepCopy());
        }
        return new Answer(200, charge.deepCopy());
    }

    /** Refunds a captured charge in full, or voids a pending one (the refund's status is then "canceled"). */
    Answer refund(JsonNode request) {
        var chargeId = requireText(request, "charge");
        var charge = charges.get(chargeId);
        if (charge == null) {
            throw new SandboxError(
                    404, "invalid_request_error", "resource_missing", "No such charge: " + chargeId, "charge");
        }
        var amount = charge.get("amount").asLong();
        if (request.hasNonNull("amount") && request.get("amount").asLong() != amount) {
            throw SandboxError.invalid("amount", "only full refunds are supported: amount must be " + amount);
        }
        var refund = json.createObjectNode()
                .put("id", newId("re_"))
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
            case "pending" -> Optional.of(charge.put("status", "succeeded").deepCopy());
            case "succeeded", "refunded" -> Optional.empty();
            default ->
                throw SandboxError.state(
                        "charge_not_pending",
                        "Charge " + id + " is " + charge.get("status").asText());
        };
    }

    private static long requirePositive(JsonNode request, String field) {
        var node = request.get(field);
        if (node == null || !node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() <= 0) {
            throw SandboxError.invalid(field, field + " must be a positive integer of minor units");
        }
        return node.asLong();
    }

    private static String requireText(JsonNode request, String field) {
        var node = request.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw SandboxError.invalid(field, field + " is required");
        }
        return node.asText();
    }

    private static String newId(String prefix) {
        var bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** Looks like a BR Code ("copia e cola") without pretending to be a payable one. */
    private static String pixCode(String chargeId, long amount) {
        return "00020126580014BR.GOV.BCB.PIX0136" + chargeId + "5204000053039865406" + amount + "5802BR6304SBOX";
    }
}
