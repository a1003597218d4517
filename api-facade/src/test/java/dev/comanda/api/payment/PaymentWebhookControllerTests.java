package dev.comanda.api.payment;

import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unavailable;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.order.OrderWorkflows;
import dev.comanda.api.temporal.TemporalCalls;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.order.PixConfirmation;
import dev.comanda.payment.WebhookSignature;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.persistence.payment.PaymentRepository.PaymentRow;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The provider's webhook with the real signature check and the real {@link OrderWorkflows} relaying the
 * confirmation, over a mocked payments table, replay guard and {@link WorkflowClient}.
 */
@ApiSliceTest(PaymentWebhookController.class)
@MockitoBean(types = {WorkflowClient.class, PaymentRepository.class, WebhookReplays.class})
class PaymentWebhookControllerTests {

    private static final String SECRET = "whsec_comanda";
    private static final String ORDER = "0123456789abcdef0123456789abcdef";
    private static final String PAID = """
            {"type":"charge.succeeded","data":{"id":"ch_1","metadata":{"tenant_id":"%s","order_id":"%s"}}}""".formatted(TENANT, ORDER);
    private static final PaymentRow PIX_CHARGE = new PaymentRow(
            TENANT,
            ORDER,
            PaymentRepository.Kind.CHARGE,
            "k",
            null,
            "PIX",
            4_500,
            "BRL",
            PaymentRepository.Status.PENDING,
            "ch_1",
            "pix-code",
            "{}",
            null);

    @TestConfiguration(proxyBeanMethods = false)
    @Import({PixConfirmations.class, OrderWorkflows.class, TemporalCalls.class})
    @EnableConfigurationProperties(PaymentWebhookProperties.class)
    static class Confirmations {}

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkflowClient client;

    @Autowired
    PaymentRepository payments;

    @Autowired
    WebhookReplays replays;

    private final OrderWorkflow workflow = mock(OrderWorkflow.class);

    @BeforeEach
    void workflows() {
        when(client.newWorkflowStub(eq(OrderWorkflow.class), anyString())).thenReturn(workflow);
        when(replays.firstSighting(anyString(), any())).thenReturn(true);
        when(payments.findByProviderId("ch_1")).thenReturn(Optional.of(PIX_CHARGE));
    }

    @Test
    void aSignedPixConfirmationSignalsTheOrdersWorkflowWithoutABearerToken() throws Exception {
        deliver(WebhookSignature.sign(PAID, SECRET, Instant.now()), PAID).andExpect(status().isOk());

        verify(client).newWorkflowStub(OrderWorkflow.class, OrderContract.workflowId(TENANT, ORDER));
        verify(workflow).pixConfirmed(new PixConfirmation("ch_1"));
    }

    @Test
    void anUnsignedWebhookAnswers401AndSignalsNothing() throws Exception {
        deliver(null, PAID).andExpect(problem(HttpStatus.UNAUTHORIZED));

        verify(workflow, never()).pixConfirmed(any());
    }

    @Test
    void aWebhookSignedWithAnotherSecretAnswers401() throws Exception {
        deliver(WebhookSignature.sign(PAID, "whsec_other", Instant.now()), PAID)
                .andExpect(problem(HttpStatus.UNAUTHORIZED));
    }

    @Test
    void aSignatureOlderThanTheToleranceAnswers401() throws Exception {
        deliver(WebhookSignature.sign(PAID, SECRET, Instant.now().minusSeconds(3600)), PAID)
                .andExpect(problem(HttpStatus.UNAUTHORIZED));
    }

    @Test
    void aReplayedSignatureAnswers401AndSignalsNothing() throws Exception {
        when(replays.firstSighting(anyString(), any())).thenReturn(false);

        deliver(WebhookSignature.sign(PAID, SECRET, Instant.now()), PAID).andExpect(problem(HttpStatus.UNAUTHORIZED));
        verify(workflow, never()).pixConfirmed(any());
    }

    @Test
    void aSignedEventOfAnotherTypeIsAcknowledgedAndSignalsNothing() throws Exception {
        var refunded = PAID.replace("charge.succeeded", "charge.refunded");

        deliver(WebhookSignature.sign(refunded, SECRET, Instant.now()), refunded)
                .andExpect(status().isOk());
        verify(workflow, never()).pixConfirmed(any());
    }

    @Test
    void aConfirmationWithoutMetadataSignalsTheOrderOfTheChargesRow() throws Exception {
        var bare = "{\"type\":\"charge.succeeded\",\"data\":{\"id\":\"ch_1\"}}";

        deliver(WebhookSignature.sign(bare, SECRET, Instant.now()), bare).andExpect(status().isOk());
        verify(client).newWorkflowStub(OrderWorkflow.class, OrderContract.workflowId(TENANT, ORDER));
        verify(workflow).pixConfirmed(new PixConfirmation("ch_1"));
    }

    @Test
    void aConfirmationOfAnUnknownChargeWithoutMetadataIsAcknowledgedAndSignalsNothing() throws Exception {
        var bare = "{\"type\":\"charge.succeeded\",\"data\":{\"id\":\"ch_unknown\"}}";

        deliver(WebhookSignature.sign(bare, SECRET, Instant.now()), bare).andExpect(status().isOk());
        verify(workflow, never()).pixConfirmed(any());
    }

    @Test
    void aSignedCardChargeIsAcknowledgedAndSignalsNothing() throws Exception {
        var card = PAID.replace("\"id\":\"ch_1\"", "\"id\":\"ch_1\",\"method\":\"CARD\"");

        deliver(WebhookSignature.sign(card, SECRET, Instant.now()), card).andExpect(status().isOk());
        verify(workflow, never()).pixConfirmed(any());
    }

    @Test
    void aConfirmationAfterTheOrderEndedIsStillAcknowledged() throws Exception {
        doThrow(new WorkflowNotFoundException(WorkflowExecution.getDefaultInstance(), "OrderWorkflow", null))
                .when(workflow)
                .pixConfirmed(any());

        deliver(WebhookSignature.sign(PAID, SECRET, Instant.now()), PAID).andExpect(status().isOk());
    }

    @Test
    void aConfirmationWhileTemporalIsUnreachableAnswers503SoTheProviderRedelivers() throws Exception {
        doThrow(Status.UNAVAILABLE.asRuntimeException()).when(workflow).pixConfirmed(any());

        deliver(WebhookSignature.sign(PAID, SECRET, Instant.now()), PAID).andExpect(unavailable("temporal"));
    }

    private ResultActions deliver(String signature, String body) throws Exception {
        var request = post("/api/v1/payments/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return mvc.perform(request);
    }
}
