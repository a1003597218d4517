package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.persistence.inventory.StockConservation;
import dev.comanda.reliability.Checker;
import dev.comanda.sandbox.SandboxConfig;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.util.Set;

/**
 * The books of one tenant of the shared stack, proved as the fault runs prove them: reliability's {@link
 * Checker} (every acknowledged order recorded and terminal, its workflow closed with the same status, one
 * charge at most, charged − refunded at the provider and in the read model as the status says) and the
 * workers' {@link StockConservation}. What an erasure or an offboarding must leave as it was.
 */
final class Books {

    private Books() {}

    static void reconcile(E2eStack stack, String tenantId, Set<String> acknowledged) {
        var checker = new Checker(
                stack.jdbc(),
                stack.comanda().workers().getBean(WorkflowClient.class),
                ComandaClient.builder(URI.create(stack.sandboxUrl())).build().raw(),
                SandboxConfig.forTests().secretKey(),
                false);
        var report = checker.check(tenantId, acknowledged);
        assertThat(report.violations()).as(report.render()).isEmpty();
        assertThat(stack.comanda().workers().getBean(StockConservation.class).check(tenantId))
                .isEmpty();
    }
}
