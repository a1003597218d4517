package dev.comanda.reconciliation;

/**
 * Every name the reconciliation shares with the outside world: its task queue, workflow type, the
 * schedule that starts it, the finding kinds and the keys findings are stored under. No other file
 * spells these strings.
 */
public final class ReconciliationContract {

    /** The reconciliation workflow and its activities (scan and repairs). */
    public static final String TASK_QUEUE = "reconciliation";

    public static final String WORKFLOW_TYPE = "Reconciliation";
    /** The Temporal Schedule that starts a run every interval; the workers create or update it at start. */
    public static final String SCHEDULE_ID = "comanda-reconciliation";
    /** Scheduled runs get this prefix plus the schedule's timestamp as their workflow ID. */
    public static final String WORKFLOW_ID_PREFIX = "reconciliation";

    /** An operator's retry of one order (OrderRetryWorkflow), on the reconciliation queue. */
    public static final String RETRY_WORKFLOW_TYPE = "OrderRetry";
    /** Retry workflows are {@code ops-retry-<tenant>-<orderId>-<hash of the operator's key>}. */
    public static final String RETRY_WORKFLOW_ID_PREFIX = "ops-retry-";

    /** The reason a lost order ends with, rejected or cancelled. */
    public static final String RECONCILED = "RECONCILED";
    /** The timeline step of the entry the reconciliation adds when it ends an order. */
    public static final String RECONCILED_STEP = "reconciled";

    private ReconciliationContract() {}

    /** What a finding is about. */
    public enum FindingKind {
        /** An order not terminal in the read model whose workflow is missing or closed. */
        LOST_ORDER,
        /** An acknowledged placement whose workflow Temporal lost before it wrote the order row. */
        LOST_PLACEMENT,
        /** A provider charge with money held that no live order accounts for. */
        MISPLACED_CHARGE,
        /** A stock reservation still held for an order that ended or does not exist. */
        LOOSE_RESERVATION,
        /** A running order workflow with no order row: recorded for ops, never guessed at. */
        ORPHAN_WORKFLOW
    }

    /** Where a finding stands. */
    public enum FindingStatus {
        FOUND,
        REPAIRED,
        /** Nothing a machine should do: a person looks at it (the ops queue lists it). */
        LEFT_FOR_OPS,
        /** Every attempt of the repair failed; the next run finds it again and retries. */
        FAILED
    }

    /** The finding's unique key: what it repairs, so two runs finding the same thing share one row. */
    public static String findingKey(FindingKind kind, String subject) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ':' + subject;
    }
}
