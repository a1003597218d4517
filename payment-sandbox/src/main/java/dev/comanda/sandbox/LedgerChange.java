package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one ledger operation changed, staged while it runs and written as one journal line when it commits:
 * the charges it created or updated (whole, so replaying is a put), when a new PIX charge is to be paid on
 * its own, the answer stored under an idempotency key, and which paid charge's webhook became owed or went
 * out. One line per operation, so a crash keeps a charge together with its stored answer or neither.
 */
final class LedgerChange {

    final Map<String, ObjectNode> charges = new LinkedHashMap<>();
    /** Charge id → epoch milliseconds at which the automatic PIX confirmation is due. */
    final Map<String, Long> confirmAt = new LinkedHashMap<>();

    String idempotencyKey;
    JsonNode request;
    Ledger.Answer answer;
    /** A charge just paid whose charge.succeeded webhook is now owed. */
    String announce;
    /** A charge whose webhook was delivered (or given up on): nothing owed any more. */
    String announced;

    boolean isEmpty() {
        return charges.isEmpty()
                && confirmAt.isEmpty()
                && idempotencyKey == null
                && announce == null
                && announced == null;
    }

    ObjectNode toEntry(ObjectMapper json) {
        var entry = json.createObjectNode();
        if (!charges.isEmpty()) {
            var list = entry.putArray("charges");
            charges.values().forEach(list::add);
        }
        if (!confirmAt.isEmpty()) {
            var due = entry.putObject("confirm_at");
            confirmAt.forEach(due::put);
        }
        if (idempotencyKey != null) {
            entry.putObject("idempotency")
                    .put("key", idempotencyKey)
                    .put("status", answer.status())
                    .<ObjectNode>set("request", request)
                    .set("body", answer.body());
        }
        if (announce != null) {
            entry.put("announce", announce);
        }
        if (announced != null) {
            entry.put("announced", announced);
        }
        return entry;
    }

    static LedgerChange fromEntry(JsonNode entry) {
        var change = new LedgerChange();
        entry.path("charges")
                .forEach(charge -> change.charges.put(charge.get("id").asText(), (ObjectNode) charge));
        entry.path("confirm_at")
                .properties()
                .forEach(
                        due -> change.confirmAt.put(due.getKey(), due.getValue().asLong()));
        var idempotency = entry.get("idempotency");
        if (idempotency != null) {
            change.idempotencyKey = idempotency.get("key").asText();
            change.request = idempotency.get("request");
            change.answer = new Ledger.Answer(idempotency.get("status").asInt(), idempotency.get("body"));
        }
        change.announce = entry.path("announce").asText(null);
        change.announced = entry.path("announced").asText(null);
        return change;
    }
}
