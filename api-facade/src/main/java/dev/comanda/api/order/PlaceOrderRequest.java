package dev.comanda.api.order;

import dev.comanda.api.AccountEmail;
import dev.comanda.api.Text;
import dev.comanda.order.Channel;
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
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * What a client sends to place an order: products and quantities, never prices. Field rules that
 * depend on each other (an address for delivery, a card token for cards) are checked by
 * {@link OrderPlacement}.
 */
public record PlaceOrderRequest(
        @NotNull @Valid Customer customer,
        @NotEmpty @Size(min = 1, max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid Fulfilment fulfilment,
        @NotNull @Valid Payment payment,
        Channel channel) {

    /** Free text without control characters or broken surrogate pairs, which no name or address holds. */
    static final String TEXT = Text.LINE;

    static final String TEXT_MESSAGE = "may not hold control characters or broken Unicode";

    @Schema(name = "OrderCustomer")
    public record Customer(
            @NotBlank @CodePointLength(max = 120) @Pattern(regexp = Text.NON_BLANK_LINE, message = TEXT_MESSAGE)
            String name,

            @NotBlank @AccountEmail String email,

            @CodePointLength(max = 40)
            @Pattern(regexp = "[0-9+() .-]*", message = "may hold digits, spaces and + ( ) . - only")
            String phone) {}

    @Schema(name = "OrderItem")
    public record Item(
            @NotBlank
            @CodePointLength(max = 64)
            @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, . _ - only")
            String sku,

            @NotNull @Min(1) @Max(99) Integer quantity) {}

    @Schema(name = "OrderFulfilment")
    public record Fulfilment(
            @NotNull FulfilmentType type,
            @Valid Address address,

            @CodePointLength(max = 20) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
            String table) {}

    @Schema(name = "OrderAddress")
    public record Address(
            @NotBlank @CodePointLength(max = 160) @Pattern(regexp = Text.NON_BLANK_LINE, message = TEXT_MESSAGE)
            String street,

            @CodePointLength(max = 20) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
            String number,

            @CodePointLength(max = 120) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
            String complement,

            @NotBlank @CodePointLength(max = 80) @Pattern(regexp = Text.NON_BLANK_LINE, message = TEXT_MESSAGE)
            String city,

            @NotBlank @CodePointLength(max = 20) @Pattern(regexp = Text.NON_BLANK_LINE, message = TEXT_MESSAGE)
            String postalCode) {}

    @Schema(name = "OrderPayment")
    public record Payment(
            @NotNull PaymentMethod method,
            @CodePointLength(max = 64) String cardToken) {}
}
