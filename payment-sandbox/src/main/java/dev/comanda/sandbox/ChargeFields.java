package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The request fields the ledger reads, refused with a 400 naming the field, and the ids it makes. */
final class ChargeFields {

    private ChargeFields() {}

    static long requirePositive(JsonNode request, String field) {
        var node = request.get(field);
        if (node == null || !node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() <= 0) {
            throw SandboxError.invalid(field, field + " must be a positive integer of minor units");
        }
        return node.asLong();
    }

    static String requireText(JsonNode request, String field) {
        var node = request.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw SandboxError.invalid(field, field + " is required");
        }
        return node.asText();
    }

    static String newId(String prefix) {
        var bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** Looks like a BR Code ("copia e cola") without pretending to be a payable one. */
    static String pixCode(String chargeId, long amount) {
        return "00020126580014BR.GOV.BCB.PIX0136" + chargeId + "5204000053039865406" + amount + "5802BR6304SBOX";
    }
}
