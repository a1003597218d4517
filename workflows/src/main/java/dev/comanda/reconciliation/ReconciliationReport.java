package dev.comanda.reconciliation;

/**
 * What one run did: suspects found, repairs that changed something, findings left for a person,
 * repairs that failed every attempt, and orders stuck at one step.
 */
public record ReconciliationReport(int found, int repaired, int leftForOps, int failed, int stuck) {

    public ReconciliationReport plus(ReconciliationReport other) {
        return new ReconciliationReport(
                found + other.found,
                repaired + other.repaired,
                leftForOps + other.leftForOps,
                failed + other.failed,
                stuck + other.stuck);
    }
}
