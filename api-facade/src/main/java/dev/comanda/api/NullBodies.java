package dev.comanda.api;

import dev.comanda.api.error.ApiException;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A body that is the JSON literal {@code null} is refused with 400 naming {@code body}, on every endpoint. Where a
 * body is optional ({@code @RequestBody(required = false)}: a table's closure, an order's cancellation) Spring
 * MVC would take it as no body at all, while the document types the body as an object; leaving the body out
 * is how a client says "none". (A required body of {@code null} is refused as missing already.)
 */
@ControllerAdvice
class NullBodies extends RequestBodyAdviceAdapter {

    static final String MESSAGE = "must be a JSON object, not null: leave the body out instead";

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage message,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        // Called only when the request had a body: a null here is the parsed literal, not an absent body.
        if (body == null) {
            throw ApiException.badParameter("body", MESSAGE);
        }
        return body;
    }
}
