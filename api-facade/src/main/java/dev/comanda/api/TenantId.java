package dev.comanda.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.comanda.order.OrderContract;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A restaurant's ID where a body names one (the sign-in bodies, which carry no token that would): required,
 * and the slug of {@link OrderContract#TENANT_ID_REGEX}, which {@code ContractDocs} states in the document.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@NotNull
@Pattern(regexp = OrderContract.TENANT_ID_REGEX)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface TenantId {

    String message() default "must be a restaurant ID: lower-case letters, digits and dashes, at most 40";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
