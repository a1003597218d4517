-- E-mails about an account rather than an order (a customer's sign-in code, a staff invitation, a
-- password reset) go out the notification path: a notifications row the API queues with the message,
-- which the workers' relay claims, sends through the same EmailSender and marks SENT, under the same
-- claim protocol as an order's notifications. The message (the code in it) is kept only until it is
-- sent or has expired; then body is cleared. Valid on MySQL 8 and MariaDB 10.11.

ALTER TABLE notifications
    MODIFY order_id CHAR(32) NULL COMMENT 'the order; NULL for an account e-mail',
    MODIFY status VARCHAR(16) NOT NULL COMMENT 'PENDING | SENDING | SENT | FAILED | EXPIRED (an account e-mail not sent in time)',
    ADD COLUMN message_id CHAR(32) NULL COMMENT 'an account e-mail: its own ID, the key of its claim',
    ADD COLUMN subject VARCHAR(200) NULL COMMENT 'an account e-mail: its subject',
    ADD COLUMN body TEXT NULL COMMENT 'an account e-mail: its text, one-time code included; cleared once sent or expired',
    ADD COLUMN expires_at DATETIME(6) NULL COMMENT 'an account e-mail: not sent after this (the code in it has expired)',
    ADD UNIQUE KEY uk_notifications_message (message_id),
    ADD KEY ix_notifications_status (status, created_at);
