package dev.comanda.api.order;

import dev.comanda.api.identity.CustomerAuthentication;
import dev.comanda.api.identity.GuestAuthentication;
import dev.comanda.persistence.identity.CustomerOrders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Object-level authorization of an order inside its tenant: a guest's tracking token sees its one order,
 * a signed-in customer the orders it placed, everyone else of the tenant (staff, API keys, devices) any
 * order of the tenant. What a caller may not see is not found: the same 404 as an order that never existed.
 */
@Component
class OrderAccess {

    private final CustomerOrders customerOrders;

    OrderAccess(CustomerOrders customerOrders) {
        this.customerOrders = customerOrders;
    }

    /** Whether {@code caller} may read, cancel and follow order {@code orderId} of its tenant. */
    boolean maySee(Authentication caller, String tenantId, String orderId) {
        return switch (caller) {
            case GuestAuthentication guest -> guest.orderId().equals(orderId);
            case CustomerAuthentication customer -> customerOrders.owns(tenantId, customer.customerId(), orderId);
            default -> true;
        };
    }

    /** Whether the caller is one customer or guest, who reads its orders without the staff's names on them. */
    static boolean isCustomerSide(Authentication caller) {
        return caller instanceof GuestAuthentication || caller instanceof CustomerAuthentication;
    }
}
