package dev.comanda.api.docs;

import dev.comanda.api.AccountEmail;
import dev.comanda.api.ApiProperties;
import dev.comanda.api.Text;
import dev.comanda.api.sync.PosSyncProperties;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.ops.QueueReason;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.links.Link;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import jakarta.validation.Constraint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.constraints.CodePointLength;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The constraints of the API that its annotations alone do not put in the document, so that a client (or a
 * fuzzer) generated from it sends only what the API accepts: patterns anchored as Bean Validation matches them
 * (whole value, where JSON Schema searches), {@code @NotBlank} as a pattern, the formats of IDs in paths, the
 * configured page sizes, and the links a client follows from a new order or the device list.
 */
@Configuration(proxyBeanMethods = false)
class ContractDocs {

    private static final String SURROGATES = "\\uD800-\\uDFFF";
    /** Set on a property by {@link #constraintsAsChecked()} and removed once read: its length in code points. */
    private static final String CODE_POINTS = "x-code-points";

    static final String ORDER_ID = "[a-f0-9]{32}";
    static final String TENANT_ID = "[a-z0-9][a-z0-9-]{0,39}";
    /** A SKU in a path: up to 64 of letters, digits and . _ -, not only dots (ProductController.SKU). */
    static final String SKU = "[A-Za-z0-9._-]*[A-Za-z0-9_-][A-Za-z0-9._-]*";
    /** ISO-8601 durations of days, hours, minutes or seconds (PT10M, P1D): a subset of what Duration.parse takes. */
    static final String DURATION = "P(?:[0-9]{1,6}D|(?:[0-9]{1,6}D)?T[0-9]{1,6}[HMS])";
    /** IDs in paths, by path prefix and parameter name: what the controllers look up, anything else is a 404. */
    private static final Map<String, String> PATH_IDS = Map.of(
            "/api/v1/orders/{id}",
            ORDER_ID,
            "/api/v1/ops/orders/{id}",
            ORDER_ID,
            "/api/v1/devices/{id}",
            "[a-f0-9]{32}",
            "/api/v1/auth/sessions/{id}",
            "[a-f0-9]{32}",
            "/api/v1/api-keys/{id}",
            "[0-9]{1,18}",
            "/api/v1/staff/{id}",
            "[0-9]{1,18}",
            "/api/v1/products/{sku}",
            SKU,
            "/api/v1/ops/tenants/{tenant}",
            TENANT_ID);

    /**
     * What a property's constraints check, in the document's words: a composed constraint ({@code @AccountEmail},
     * {@code @TenantId}) by the pattern, length and presence it is made of (springdoc reads only the annotations
     * on the field); Hibernate's {@code @CodePointLength} as {@code minLength}/{@code maxLength}, which JSON
     * Schema counts in code points too; and {@code @NotBlank} as a pattern requiring a character that is not blank.
     */
    @Bean
    PropertyCustomizer constraintsAsChecked() {
        return (property, type) -> {
            var annotations = type.getCtxAnnotations() == null
                    ? new java.lang.annotation.Annotation[0]
                    : type.getCtxAnnotations();
            var patterned = false;
            var required = false;
            for (var annotation : annotations) {
                if (annotation instanceof CodePointLength length) {
                    // Set again once the document is whole (anchor): swagger-core's @NotBlank makes minLength 1.
                    length(property, length.min(), length.max());
                    property.addExtension(CODE_POINTS, List.of(length.min(), length.max()));
                }
                var kind = annotation.annotationType();
                if (!kind.isAnnotationPresent(Constraint.class)
                        || kind.getPackageName().startsWith("jakarta.")) {
                    continue;
                }
                var pattern = kind.getAnnotation(jakarta.validation.constraints.Pattern.class);
                if (pattern != null) {
                    property.setPattern(pattern.regexp());
                    patterned = true;
                }
                var size = kind.getAnnotation(Size.class);
                if (size != null) {
                    length(property, size.min(), size.max());
                }
                required |= kind.isAnnotationPresent(NotNull.class) || kind.isAnnotationPresent(NotBlank.class);
            }
            if (required && type.getParent() != null && type.getPropertyName() != null) {
                var parent = type.getParent();
                if (parent.getRequired() == null || !parent.getRequired().contains(type.getPropertyName())) {
                    parent.addRequiredItem(type.getPropertyName());
                }
            }
            // A field with its own @Pattern states non-blankness there (Text.NON_BLANK_LINE, a slug, a code).
            var notBlank = Arrays.stream(annotations).anyMatch(NotBlank.class::isInstance)
                    && Arrays.stream(annotations).noneMatch(jakarta.validation.constraints.Pattern.class::isInstance);
            if (notBlank && !patterned) {
                property.setPattern(Text.NON_BLANK);
            }
            return property;
        };
    }

    /**
     * A parameter's {@code @CodePointLength} (a table's name in its path) as its schema's lengths, in a schema of
     * its own: springdoc shares one schema object between parameters of the same type.
     */
    @Bean
    ParameterCustomizer parameterLengthsAsChecked() {
        return (parameter, method) -> {
            var length = method == null ? null : method.getParameterAnnotation(CodePointLength.class);
            if (parameter == null || parameter.getSchema() == null || length == null) {
                return parameter;
            }
            var shared = parameter.getSchema();
            var own = Schemas.typed(new StringSchema(), "string").pattern(shared.getPattern());
            own.setDescription(shared.getDescription());
            length(own, length.min(), length.max());
            parameter.setSchema(own);
            return parameter;
        };
    }

    private static void length(Schema<?> property, int min, int max) {
        if (min > 0) {
            property.setMinLength(min);
        }
        if (max < Integer.MAX_VALUE) {
            property.setMaxLength(max);
        }
    }

    @Bean
    OpenApiCustomizer constraintsAndLinks(ApiProperties api, PosSyncProperties sync) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        parameters(operation).forEach(parameter -> constrain(path, parameter, api, sync));
                    }));
            batchSize(openApi, sync);
            links(openApi);
            anchorPatterns(openApi);
        };
    }

    /**
     * A sync upload holds 1 to the configured maximum of orders (checked by hand, answered 400 and 413), each a
     * JSON object: anything else is refused whole (400 naming {@code orders[i]}). An object is read as an order on
     * its own, and one that does not fit (a field missing, of the wrong type, or breaking a rule) is that order's
     * {@code invalid} result, not a malformed request: the document types the items as objects, no more.
     */
    private static void batchSize(OpenAPI openApi, PosSyncProperties sync) {
        var batch = openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                ? null
                : openApi.getComponents().getSchemas().get("Batch");
        if (batch != null
                && batch.getProperties() != null
                && batch.getProperties().get("orders") != null) {
            var orders = (Schema<?>) batch.getProperties().get("orders");
            orders.setMinItems(1);
            orders.setMaxItems(sync.maxBatch());
            orders.setItems(Schemas.typed(new ObjectSchema(), "object")
                    .description("An order as the device took it: clientOrderId, createdAt, fulfilment, customer,"
                            + " payment and lines (docs/pos-sync.md); one that does not fit is answered invalid"));
        }
    }

    private static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }

    private static void constrain(String path, Parameter parameter, ApiProperties api, PosSyncProperties sync) {
        var schema = parameter.getSchema();
        if (schema == null) {
            return;
        }
        // springdoc shares one schema object between parameters of the same type: each gets its own here.
        if ("path".equals(parameter.getIn())) {
            PATH_IDS.forEach((prefix, pattern) -> {
                var name = prefix.substring(prefix.lastIndexOf('{') + 1, prefix.length() - 1);
                if (path.startsWith(prefix) && name.equals(parameter.getName()) && schema.getPattern() == null) {
                    var id = Schemas.typed(new StringSchema(), "string").pattern(pattern);
                    parameter.setSchema("sku".equals(name) ? id.maxLength(64) : id);
                }
            });
            return;
        }
        if ("header".equals(parameter.getIn()) && "Idempotency-Key".equalsIgnoreCase(parameter.getName())) {
            // Visible ASCII: OrderController (up to 255) and OpsOrderController (up to 120) refuse anything else.
            var longest = path.startsWith("/api/v1/ops/") ? 120 : 255;
            parameter.setSchema(
                    Schemas.typed(new StringSchema(), "string").pattern("[\\x21-\\x7E]{1," + longest + "}"));
            return;
        }
        switch (path + " " + parameter.getName()) {
            case "/api/v1/orders per_page" -> parameter.setSchema(range(1, api.maxPerPage()));
            case "/api/v1/sync/changes limit" -> parameter.setSchema(range(1, sync.maxLimit()));
            // SyncCursor's shape (URL-safe Base64); whether it is this tenant's is state (400, documented).
            case "/api/v1/sync/changes since" ->
                parameter.setSchema(Schemas.typed(new StringSchema(), "string")
                        .pattern("[A-Za-z0-9_-]+")
                        .description("The cursor of the last page or snapshot (opaque)"));
            case "/api/v1/orders status" -> parameter.setSchema(listOf(enumNames(OrderStatus.values())));
            case "/api/v1/orders include" -> parameter.setSchema(listOf(List.of("items", "timeline")));
            case "/api/v1/ops/orders/queue reason" -> parameter.setSchema(listOf(enumNames(QueueReason.values())));
            case "/api/v1/ops/orders/queue older_than" ->
                parameter.setSchema(Schemas.typed(new StringSchema(), "string").pattern(DURATION));
            default -> {}
        }
        // The operator names the tenant it acts on (OpsScope); the slug of OrderContract.isTenantId.
        if (path.startsWith("/api/v1/ops/orders") && "tenant".equals(parameter.getName())) {
            parameter.setSchema(Schemas.typed(new StringSchema(), "string").pattern(TENANT_ID));
        }
        // The customer whose data is erased, by the address their orders carry (@AccountEmail's rule).
        if ("/api/v1/customers".equals(path) && "email".equals(parameter.getName())) {
            parameter.setSchema(Schemas.typed(new StringSchema(), "string")
                    .pattern(AccountEmail.PATTERN)
                    .maxLength(AccountEmail.MAX_LENGTH));
        }
        if ("query".equals(parameter.getIn())) {
            refuseEmpty(parameter);
        }
    }

    /**
     * An empty query value is refused (QueryParameters): a string parameter that no type, format, pattern or
     * enum already keeps from being empty states it with {@code minLength} 1, in a schema of its own.
     */
    private static void refuseEmpty(Parameter parameter) {
        var schema = parameter.getSchema();
        if (mayBeEmpty(schema)) {
            parameter.setSchema(nonEmpty(schema));
        } else if (is(schema, "array") && mayBeEmpty(schema.getItems())) {
            var list = Schemas.typed(new ArraySchema(), "array").items(nonEmpty(schema.getItems()));
            list.setDescription(schema.getDescription());
            parameter.setSchema(list);
        }
    }

    private static boolean mayBeEmpty(Schema<?> schema) {
        return schema != null
                && is(schema, "string")
                && schema.getPattern() == null
                && schema.getFormat() == null
                && schema.getEnum() == null
                && (schema.getMinLength() == null || schema.getMinLength() < 1);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> nonEmpty(Schema<?> schema) {
        Schema copy = Schemas.typed(new StringSchema(), "string").minLength(1).maxLength(schema.getMaxLength());
        copy.setDefault(schema.getDefault());
        copy.setDescription(schema.getDescription());
        return copy;
    }

    private static boolean is(Schema<?> schema, String type) {
        return type.equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains(type));
    }

    private static Schema<?> range(int minimum, int maximum) {
        return Schemas.typed(new IntegerSchema(), "integer")
                .minimum(BigDecimal.valueOf(minimum))
                .maximum(BigDecimal.valueOf(maximum));
    }

    /** A list of these values, as repeated parameters ({@code ?status=A&status=B}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> listOf(List<Object> values) {
        var item = Schemas.typed(new StringSchema(), "string");
        ((Schema) item).setEnum(values);
        return Schemas.typed(new ArraySchema(), "array").items(item);
    }

    private static List<Object> enumNames(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> (Object) value.name()).toList();
    }

    /**
     * What a client follows next: from a new order to its read, cancel and kitchen moves; from the device list
     * to revoking a device.
     */
    private static void links(OpenAPI openApi) {
        var order = "$response.body#/id";
        link(
                openApi,
                "/api/v1/orders",
                "post",
                Map.of(
                        "GetOrder",
                                new Link()
                                        .operationRef(ref("/api/v1/orders/{id}", "get"))
                                        .parameters("id", order),
                        "CancelOrder",
                                new Link()
                                        .operationRef(ref("/api/v1/orders/{id}/cancel", "post"))
                                        .parameters("id", order),
                        "MoveOrder",
                                new Link()
                                        .operationRef(ref("/api/v1/orders/{id}/transitions", "post"))
                                        .parameters("id", order),
                        "OrderHistory",
                                new Link()
                                        .operationRef(ref("/api/v1/orders/{id}/history", "get"))
                                        .parameters("id", order)));
        link(
                openApi,
                "/api/v1/devices",
                "get",
                Map.of(
                        "RevokeDevice",
                        new Link()
                                .operationRef(ref("/api/v1/devices/{id}", "delete"))
                                .parameters("id", "$response.body#/0/id")));
        link(
                openApi,
                "/api/v1/devices",
                "post",
                Map.of(
                        "RevokeDevice",
                        new Link()
                                .operationRef(ref("/api/v1/devices/{id}", "delete"))
                                .parameters("id", "$response.body#/id")));
    }

    private static void link(OpenAPI openApi, String path, String method, Map<String, Link> links) {
        var item = openApi.getPaths().get(path);
        if (item == null) {
            return;
        }
        var operation = item.readOperationsMap().entrySet().stream()
                .filter(e -> e.getKey().name().equalsIgnoreCase(method))
                .map(Map.Entry::getValue)
                .findFirst();
        operation.ifPresent(op -> op.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                links.forEach(response::link);
            }
        }));
    }

    private static String ref(String path, String method) {
        return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method;
    }

    /**
     * Bean Validation matches a pattern against the whole value; JSON Schema finds it anywhere unless anchored.
     * And a length in code points is set where swagger-core's reading of {@code @NotBlank} (minLength 1) undid it.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void anchorPatterns(OpenAPI openApi) {
        var seen = java.util.Collections.newSetFromMap(new IdentityHashMap<Schema, Boolean>());
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> anchor(schema, seen));
        }
        openApi.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    parameters(operation).forEach(parameter -> anchor(parameter.getSchema(), seen));
                    if (operation.getRequestBody() != null
                            && operation.getRequestBody().getContent() != null) {
                        operation
                                .getRequestBody()
                                .getContent()
                                .values()
                                .forEach(media -> anchor(media.getSchema(), seen));
                    }
                }));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void anchor(Schema schema, Set<Schema> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        if (schema.getExtensions() != null && schema.getExtensions().remove(CODE_POINTS) instanceof List<?> bounds) {
            length(schema, (Integer) bounds.get(0), (Integer) bounds.get(1));
            if (schema.getExtensions().isEmpty()) {
                schema.setExtensions(null);
            }
        }
        var pattern = schema.getPattern();
        if (pattern != null && !pattern.startsWith("^")) {
            // Lone surrogates cannot be written in UTF-8 (only as \\u escapes), and most regular expression
            // engines (Rust's, which schemathesis uses) cannot express them: the document leaves that range
            // out; the API still refuses such a value.
            schema.setPattern("^(?:" + pattern.replace(SURROGATES, "") + ")$");
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(child -> anchor(child, seen));
        }
        anchor(schema.getItems(), seen);
        for (var group : new List[] {schema.getAnyOf(), schema.getAllOf(), schema.getOneOf()}) {
            if (group != null) {
                ((List<Schema>) group).forEach(child -> anchor(child, seen));
            }
        }
        if (schema.getAdditionalProperties() instanceof Schema extra) {
            anchor(extra, seen);
        }
    }
}
