package dev.comanda.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An e-mail address, as every body and parameter that takes one checks it and as the document states it (the
 * same {@link #PATTERN} and length, put there by {@code ContractDocs}): a dot-atom local part of ASCII, an
 * {@code @}, and a domain of letter-digit-dash labels. Bean Validation's {@code @Email} is neither the
 * document's {@code format: email} nor any other published rule, so a client that obeyed the document could
 * be refused and one that did not could be let in. Null is valid: add {@code @NotBlank} where it is required.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Pattern(regexp = AccountEmail.PATTERN)
@Size(max = AccountEmail.MAX_LENGTH)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface AccountEmail {

    /** Characters of a dot-atom (RFC 5322) other than letters and digits. */
    String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";

    /** A domain label: letters, digits and inner dashes, at most 63. */
    String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    /** The whole address; ASCII only, so a length counts the same in every unit. */
    String PATTERN = ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*";

    /** The longest address a mail system carries (RFC 5321's path limit less its brackets). */
    int MAX_LENGTH = 254;

    String message() default "must be an e-mail address (name@example.com) of at most " + MAX_LENGTH + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
