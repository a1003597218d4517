package dev.comanda.sandbox;

/** An API error in the provider's shape: {@code {"error":{"type","code","message","param"}}} with an HTTP status. */
final class SandboxError extends RuntimeException {

    final int status;
    final String type;
    final String code;
    final String param;

    SandboxError(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static SandboxError invalid(String param, String message) {
        return new SandboxError(400, "invalid_request_error", "parameter_invalid", message, param);
    }

    static SandboxError state(String code, String message) {
        return new SandboxError(400, "invalid_request_error", code, message, null);
    }

    static SandboxError keyReused() {
        return new SandboxError(
                422,
                "idempotency_error",
                "idempotency_key_reused",
                "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                null);
    }
}
