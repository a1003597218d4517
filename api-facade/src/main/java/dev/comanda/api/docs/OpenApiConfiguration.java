package dev.comanda.api.docs;

import dev.comanda.api.ApiApplication;
import dev.comanda.api.auth.Roles;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.tags.Tag;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document ({@code /v3/api-docs}) as the API really is: its name and the build's version, a
 * tag per resource, a security scheme per kind of credential on the endpoints that take it
 * ({@link SecuritySchemes}), and every
 * problem+json answer an endpoint gives ({@link ProblemResponses}). The end-to-end suite checks every
 * exchange it makes against this document, so a wrong line here fails a test.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String OPERATOR_KEY = SecuritySchemes.OPERATOR_KEY;
    /** Not "ProblemDetail": springdoc writes its own schema of Spring's class under that name. */
    static final String PROBLEM = "Problem";

    static final String FIELD_ERROR = "FieldError";
    /** Set on an operation by {@link #fromHandlers()}: the roles its {@link PreAuthorize} lets in. */
    static final String ROLES = "x-roles";
    /**
     * Set on an operation by {@link #fromHandlers()} and removed once read: every role and authority its
     * {@link PreAuthorize} names (none: it takes no credential), which {@link SecuritySchemes} turns into
     * its security.
     */
    static final String CALLERS = "x-callers";
    /** Set on an operation by {@link #fromHandlers()} and removed once read: its body is validated (422). */
    static final String VALIDATED = "x-validated-body";
    /** Set on a property by {@link #primitivesAreNeverNull()} and removed once read: it is always there. */
    static final String NEVER_NULL = "x-never-null";
    /** A role named in a {@link PreAuthorize} expression: {@code hasAnyRole('KITCHEN','ADMIN')}. */
    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

    static {
        // The caller comes from the bearer token, never from the request; a JSON tree is any JSON.
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Principal.class, Authentication.class)
                .replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value"));
    }

    @Bean
    OpenAPI comandaOpenApi(ObjectProvider<BuildProperties> build) {
        var version = Optional.ofNullable(build.getIfAvailable())
                .map(BuildProperties::getVersion)
                .or(() -> Optional.ofNullable(ApiApplication.class.getPackage().getImplementationVersion()))
                .orElse("development");
        return new OpenAPI()
                .info(new Info()
                        .title("Comanda API")
                        .version(version)
                        .description("Orders of restaurants and delivery shops, each a durable workflow: place, follow,"
                                + " cook, cancel; the catalog, POS devices and their offline sync, the ops queue."
                                + " Errors are RFC 9457 problem+json; `errors` names each offending field."))
                .components(SecuritySchemes.addTo(new Components()))
                .tags(List.of(
                        new Tag().name(ApiDocs.ORDERS).description("Place, follow, cook and cancel orders"),
                        new Tag().name(ApiDocs.PRODUCTS).description("The menu, and products and stock for admins"),
                        new Tag().name(ApiDocs.DEVICES).description("A tenant's POS devices and their tokens"),
                        new Tag()
                                .name(ApiDocs.API_KEYS)
                                .description("A tenant's integration API keys: issue, list, revoke"),
                        new Tag().name(ApiDocs.SYNC).description("A POS device's offline orders and delta pull"),
                        new Tag().name(ApiDocs.OPS).description("Orders that went wrong: show, retry, resolve"),
                        new Tag().name(ApiDocs.TENANTS).description("The operator's tenants and their endpoints"),
                        new Tag().name(ApiDocs.PAYMENTS).description("The payment provider's signed webhook")));
    }

    /**
     * What only the handler method knows: the roles it lets in (and so the kinds of credential that may
     * call it), and whether its body is validated.
     */
    @Bean
    OperationCustomizer fromHandlers() {
        return (operation, handler) -> {
            var allowed = handler.getMethodAnnotation(PreAuthorize.class);
            // Turned into the operation's security by problemsSecurityAndNulls: springdoc sets security after this.
            operation.addExtension(
                    CALLERS,
                    allowed == null
                            ? List.of()
                            : ROLE.matcher(allowed.value())
                                    .results()
                                    .map(match -> match.group(1))
                                    .toList());
            // The tenant roles a method names; the operator's endpoints are documented by their scheme.
            if (allowed != null && !allowed.value().contains(Roles.OPERATOR)) {
                var roles = ROLE.matcher(allowed.value())
                        .results()
                        .map(match -> match.group(1))
                        .toList();
                operation.addExtension(ROLES, roles);
                var roleText = "Roles: " + String.join(", ", roles) + ".";
                operation.setDescription(
                        operation.getDescription() == null ? roleText : operation.getDescription() + "\n\n" + roleText);
            }
            var validated = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(
                            p -> p.hasParameterAnnotation(RequestBody.class) && p.hasParameterAnnotation(Valid.class));
            if (validated) {
                operation.addExtension(VALIDATED, true);
            }
            return operation;
        };
    }

    /** A record's primitive component (an int, a boolean) is written whatever its value, never as null. */
    @Bean
    PropertyCustomizer primitivesAreNeverNull() {
        return (property, type) -> {
            var primitive = type.getType() instanceof Class<?> c
                    ? c.isPrimitive()
                    : type.getType() instanceof com.fasterxml.jackson.databind.JavaType javaType
                            && javaType.isPrimitive();
            if (primitive) {
                property.addExtension(NEVER_NULL, true);
            }
            return property;
        };
    }

    @Bean
    OpenApiCustomizer problemsSecurityAndNulls() {
        return openApi -> {
            // Here rather than on the bean: springdoc keeps only the schemas its own scan produced there.
            openApi.getComponents().addSchemas(FIELD_ERROR, fieldError()).addSchemas(PROBLEM, problem());
            ProblemResponses.apply(openApi);
            SecuritySchemes.apply(openApi);
            NullableProperties.apply(openApi);
        };
    }

    private static Schema<?> fieldError() {
        return Schemas.typed(new ObjectSchema(), "object")
                .description("One offending field: its JSON path (items[0].quantity), parameter or header name")
                .addProperty("field", Schemas.typed(new StringSchema(), "string"))
                .addProperty("message", Schemas.typed(new StringSchema(), "string"))
                .required(List.of("field", "message"));
    }

    private static Schema<?> problem() {
        return Schemas.typed(new ObjectSchema(), "object")
                .description("RFC 9457 problem details, with the offending fields in errors")
                .addProperty("type", Schemas.typed(new StringSchema(), "string").format("uri"))
                .addProperty("title", Schemas.typed(new StringSchema(), "string"))
                .addProperty("status", Schemas.typed(new IntegerSchema(), "integer"))
                .addProperty("detail", Schemas.typed(new StringSchema(), "string"))
                .addProperty(
                        "instance", Schemas.typed(new StringSchema(), "string").format("uri-reference"))
                .addProperty(
                        "errors",
                        Schemas.typed(new ArraySchema(), "array")
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                                .description("Each offending field, when the problem is the request's"))
                .addProperty(
                        "dependency",
                        Schemas.typed(new StringSchema(), "string")
                                .description("On a 503: what is out of reach (database, redis, temporal)"))
                .addProperty(
                        "snapshot",
                        Schemas.typed(new StringSchema(), "string")
                                .description("On a 410 of the sync: where to resync from"))
                .required(List.of("type", "title", "status"));
    }
}
