package dev.comanda.api.sync;

import dev.comanda.api.AccountEmail;
import dev.comanda.api.Text;
import dev.comanda.order.FulfilmentType;
import dev.comanda.order.PaymentMethod;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * One order a POS took offline, as its device recorded it: the device's own ID for it, the device's
 * clock when the waiter confirmed it, and the lines with the prices the waiter saw. Each order of a
 * batch is read and validated on its own, so one malformed order is answered {@code invalid} and the
 * others go on.
 */
record SyncOrder(
        @NotBlank
        @CodePointLength(max = 64)
        @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold letters, digits, . _ : - only")
        String clientOrderId,

        @NotNull Instant createdAt,
        @NotNull @Valid Fulfilment fulfilment,
        @Valid Customer customer,
        @NotNull @Valid Payment payment,
        @NotEmpty @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines) {

    static final String TEXT = Text.LINE;
    static final String TEXT_MESSAGE = "may not hold control characters or broken Unicode";

    @Schema(name = "PosFulfilment")
    record Fulfilment(
            @NotNull FulfilmentType type,

            @CodePointLength(max = 20) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
            String table) {}

    /** Optional at the counter; an email makes the customer hear of the order. */
    @Schema(name = "PosCustomer")
    record Customer(
            @CodePointLength(max = 120) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
            String name,

            @AccountEmail String email,

            @CodePointLength(max = 40)
            @Pattern(regexp = "[0-9+() .-]*", message = "may hold digits, spaces and + ( ) . - only")
            String phone) {}

    /** CASH (collected on hand-over) or PAID_AT_COUNTER (collected already); a POS offline calls no provider. */
    @Schema(name = "PosPayment")
    record Payment(@NotNull PaymentMethod method) {}

    @Schema(name = "PosOrderLine")
    record Line(
            @NotBlank
            @CodePointLength(max = 64)
            @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, . _ - only")
            String sku,

            @NotNull @Min(1) @Max(99) Integer quantity,
            @NotNull @Min(0) @Max(100_000_000) Long unitPriceCents) {}
}
