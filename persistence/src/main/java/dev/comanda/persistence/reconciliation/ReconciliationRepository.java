package dev.comanda.persistence.reconciliation;

import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.reconciliation.ReconciliationContract;
import dev.comanda.reconciliation.ReconciliationContract.FindingKind;
import dev.comanda.reconciliation.ReconciliationContract.FindingStatus;
import dev.comanda.reconciliation.ReconciliationReport;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reconciliation's own tables: one finding row per thing found (its key), however many runs see
 * it, and one row per run with its report. A finding's status moves by conditional updates, so a
 * repeated repair or a late failure never takes a REPAIRED finding back.
 */
@Repository
public class ReconciliationRepository {

    /** Inserts a finding or, when a run saw it before, notes this run; a REPAIRED one that is found again reopens. */
    private static final String UPSERT_FINDING = """
            INSERT INTO reconciliation_findings (finding_key, kind, tenant_id, order_id, status, detail,
                                                 first_run_id, last_run_id, first_seen_at, last_seen_at)
            VALUES (:key, :kind, :tenantId, :orderId, :status, :detail, :runId, :runId, :now, :now)
            ON DUPLICATE KEY UPDATE
                last_run_id = VALUES(last_run_id),
                last_seen_at = VALUES(last_seen_at),
                detail = VALUES(detail),
                status = IF(status = 'REPAIRED', VALUES(status), status)
            """;

    private static final String MARK_REPAIRED = """
            UPDATE reconciliation_findings
            SET status = 'REPAIRED', repair = :repair, repaired_at = :now, attempts = attempts + 1, last_run_id = :runId
            WHERE finding_key = :key
              AND status <> 'REPAIRED'
            """;
    private static final String MARK_FAILED = """
            UPDATE reconciliation_findings
            SET status = 'FAILED', repair = :error, attempts = attempts + 1, last_run_id = :runId
            WHERE finding_key = :key
              AND status IN ('FOUND', 'FAILED')
            """;
    private static final String FIND_STATUS = """
            SELECT status
            FROM reconciliation_findings
            WHERE finding_key = :key
            """;
    /** Orphan workflows whose order row appeared since: they were late (a backlog), not orphans. */
    private static final String CLOSE_CAUGHT_UP_ORPHANS = """
            UPDATE reconciliation_findings f
            JOIN orders o ON o.order_id = f.order_id AND o.tenant_id = f.tenant_id
            SET f.status = 'REPAIRED', f.repair = 'the workflow wrote its order row: it was late, not orphaned',
                f.repaired_at = :now, f.last_run_id = :runId
            WHERE f.kind = 'ORPHAN_WORKFLOW'
              AND f.status = 'LEFT_FOR_OPS'
            """;

    private static final String START_RUN = """
            INSERT INTO reconciliation_runs (run_id, started_at)
            VALUES (:runId, :now)
            ON DUPLICATE KEY UPDATE run_id = run_id
            """;
    private static final String STUCK_COUNTS = """
            UPDATE reconciliation_runs
            SET stuck_not_accepted = :notAccepted, stuck_preparing = :preparing, stuck_pix_pending = :pixPending
            WHERE run_id = :runId
            """;
    private static final String FINISH_RUN = """
            UPDATE reconciliation_runs
            SET found = :found, repaired = :repaired, left_for_ops = :leftForOps, failed = :failed,
                finished_at = :now
            WHERE run_id = :runId
            """;
    private static final String LATEST_RUN = """
            SELECT finished_at, stuck_not_accepted, stuck_preparing, stuck_pix_pending,
                   (SELECT COUNT(*) FROM reconciliation_findings WHERE status = 'LEFT_FOR_OPS') AS left_for_ops,
                   (SELECT COUNT(*) FROM reconciliation_findings WHERE status = 'FAILED') AS failed
            FROM reconciliation_runs
            WHERE finished_at IS NOT NULL
            ORDER BY finished_at DESC
            LIMIT 1
            """;

    /** A finding as the scan records it. */
    public record NewFinding(FindingKind kind, String subject, String tenantId, String orderId, String detail) {

        String key() {
            return ReconciliationContract.findingKey(kind, subject);
        }

        public NewFinding withDetail(String text) {
            return new NewFinding(kind, subject, tenantId, orderId, text);
        }
    }

    /** What the reconciliation gauges show: the latest finished run and the open findings. */
    public record LatestRun(
            Instant finishedAt,
            int stuckNotAccepted,
            int stuckPreparing,
            int stuckPixPending,
            long leftForOps,
            long failed) {}

    private final JdbcClient jdbc;

    ReconciliationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a finding as FOUND (or LEFT_FOR_OPS); true when no run had seen it before. */
    @Transactional
    public boolean record(String runId, NewFinding finding, FindingStatus status, Instant now) {
        // MySQL counts 1 for an insert and 2 for an update of the duplicate (0 when nothing changed).
        return jdbc.sql(UPSERT_FINDING)
                        .param("key", finding.key())
                        .param("kind", finding.kind().name())
                        .param("tenantId", finding.tenantId())
                        .param("orderId", finding.orderId())
                        .param("status", status.name())
                        .param("detail", truncate(finding.detail()))
                        .param("runId", runId)
                        .param("now", SqlTimes.toSql(now))
                        .update()
                == 1;
    }

    /** True when this call moved the finding to REPAIRED. */
    @Transactional
    public boolean repaired(String runId, String key, String repair, Instant now) {
        return jdbc.sql(MARK_REPAIRED)
                        .param("repair", truncate(repair))
                        .param("now", SqlTimes.toSql(now))
                        .param("runId", runId)
                        .param("key", key)
                        .update()
                == 1;
    }

    /** True when this call recorded the failure (a REPAIRED or LEFT_FOR_OPS finding keeps its status). */
    @Transactional
    public boolean failed(String runId, String key, String error) {
        return jdbc.sql(MARK_FAILED)
                        .param("error", truncate(error))
                        .param("runId", runId)
                        .param("key", key)
                        .update()
                == 1;
    }

    @Transactional(readOnly = true)
    Optional<FindingStatus> status(String key) {
        return jdbc.sql(FIND_STATUS)
                .param("key", key)
                .query(String.class)
                .optional()
                .map(FindingStatus::valueOf);
    }

    /** Closes orphan-workflow findings whose order row exists now; how many it closed. */
    @Transactional
    public int closeCaughtUpOrphans(String runId, Instant now) {
        return jdbc.sql(CLOSE_CAUGHT_UP_ORPHANS)
                .param("now", SqlTimes.toSql(now))
                .param("runId", runId)
                .update();
    }

    @Transactional
    public void startRun(String runId, Instant now, StuckCounts stuck) {
        jdbc.sql(START_RUN)
                .param("runId", runId)
                .param("now", SqlTimes.toSql(now))
                .update();
        jdbc.sql(STUCK_COUNTS)
                .param("notAccepted", stuck.notAccepted())
                .param("preparing", stuck.preparing())
                .param("pixPending", stuck.pixPending())
                .param("runId", runId)
                .update();
    }

    @Transactional
    public void finishRun(String runId, ReconciliationReport report, Instant now) {
        jdbc.sql(FINISH_RUN)
                .param("found", report.found())
                .param("repaired", report.repaired())
                .param("leftForOps", report.leftForOps())
                .param("failed", report.failed())
                .param("now", SqlTimes.toSql(now))
                .param("runId", runId)
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<LatestRun> latestRun() {
        return jdbc.sql(LATEST_RUN)
                .query((rs, n) -> new LatestRun(
                        SqlTimes.fromSql(rs.getObject("finished_at", LocalDateTime.class)),
                        rs.getInt("stuck_not_accepted"),
                        rs.getInt("stuck_preparing"),
                        rs.getInt("stuck_pix_pending"),
                        rs.getLong("left_for_ops"),
                        rs.getLong("failed")))
                .optional();
    }

    /** Orders per stuck step, as counted at the start of a run. */
    public record StuckCounts(int notAccepted, int preparing, int pixPending) {

        public int total() {
            return notAccepted + preparing + pixPending;
        }
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
