-- Retention of notification_outbox (docs/architecture.md, "The CONFIRMED notification's outbox"): a row that
-- ended (SENT, GAVE_UP or ERASED) keeps no payload and is of no use once its repeats are long over; the
-- workers' relay deletes it, in small batches, once it ended longer ago than the retention
-- (COMANDA_NOTIFICATIONS_OUTBOX_RETENTION). ended_at says when, for each of the three ends (sent_at only for
-- SENT), and its index finds the rows to delete without reading the unsent ones. Rows that ended before this
-- migration count from their send, else from their queueing. Valid on MySQL 8 and MariaDB 10.11.

ALTER TABLE notification_outbox
    ADD COLUMN ended_at DATETIME(6) NULL COMMENT 'when it became SENT, GAVE_UP or ERASED; deleted a retention later'
        AFTER sent_at,
    ADD KEY ix_notification_outbox_ended (ended_at);

UPDATE notification_outbox
SET ended_at = COALESCE(sent_at, created_at)
WHERE status IN ('SENT', 'GAVE_UP', 'ERASED');
