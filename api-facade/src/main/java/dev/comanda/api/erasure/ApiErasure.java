package dev.comanda.api.erasure;

import dev.comanda.api.order.PlacementReplay;
import dev.comanda.persistence.identity.CustomerAccounts;
import dev.comanda.persistence.identity.OneTimeCodes;
import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.order.PlacementReceipts;
import dev.comanda.persistence.pos.PosSyncRecords;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API's part of an erasure or an offboarding (docs/personal-data.md): what the API itself keeps of a
 * customer, erased by the API, its owner — the placement receipts, the POS devices' upload records, a
 * signed-in customer's account, its one-time codes and the e-mails that carried them, and the idempotency
 * replays in Redis. The workers erase what they own in the erasure workflows. Every step is idempotent.
 */
@Service
class ApiErasure {

    private final PlacementReceipts receipts;
    private final PosSyncRecords posSyncRecords;
    private final CustomerAccounts accounts;
    private final OneTimeCodes codes;
    private final NotificationRepository notifications;
    private final PlacementReplay replay;

    ApiErasure(
            PlacementReceipts receipts,
            PosSyncRecords posSyncRecords,
            CustomerAccounts accounts,
            OneTimeCodes codes,
            NotificationRepository notifications,
            PlacementReplay replay) {
        this.receipts = receipts;
        this.posSyncRecords = posSyncRecords;
        this.accounts = accounts;
        this.codes = codes;
        this.notifications = notifications;
        this.replay = replay;
    }

    /** The customer who placed {@code orderIds} with {@code email}, and its account if it signed in. */
    @Transactional
    public void eraseCustomer(String tenantId, String email, List<String> orderIds) {
        receipts.anonymizeCustomers(tenantId, orderIds);
        posSyncRecords.eraseFingerprints(tenantId, orderIds);
        accounts.anonymize(tenantId, email);
        codes.deleteFor(tenantId, email);
        notifications.anonymizeAccountEmails(tenantId, StaffAccounts.normalized(email));
        // Last: should Redis fail, the rows above roll back, and asking again redoes everything.
        replay.forget(tenantId, orderIds);
    }

    /** Every customer of an offboarded tenant. */
    @Transactional
    public void eraseTenant(String tenantId) {
        receipts.anonymizeCustomers(tenantId);
        posSyncRecords.eraseFingerprints(tenantId);
        accounts.anonymizeAll(tenantId);
        codes.deleteAll(tenantId);
        replay.forgetTenant(tenantId);
    }
}
