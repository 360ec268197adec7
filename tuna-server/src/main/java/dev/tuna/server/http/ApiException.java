package dev.tuna.server.http;

/**
 * An error answered to the client as OpenAI does: an HTTP status and {@code {"error":{message,type,param,code}}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public ApiException(int status, String type, String message, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400: the request is wrong; {@code param} names the offending field. */
    public static ApiException badRequest(String message, String param) {
        return new ApiException(400, "invalid_request_error", message, param, null);
    }

    public static ApiException badRequest(String message, String param, String code) {
        return new ApiException(400, "invalid_request_error", message, param, code);
    }

    /** 404 for an id that names nothing. */
    public static ApiException notFound(String message, String param) {
        return new ApiException(404, "invalid_request_error", message, param, null);
    }

    public static ApiException notFound(String message, String param, String code) {
        return new ApiException(404, "invalid_request_error", message, param, code);
    }

    /** 409: the request is valid but clashes with the object's current state. */
    public static ApiException conflict(String message, String param) {
        return new ApiException(409, "invalid_request_error", message, param, "conflict");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
