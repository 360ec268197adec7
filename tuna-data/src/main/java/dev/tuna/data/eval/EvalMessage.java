package dev.tuna.data.eval;

/** One chat message of a prompt: {@code role} is {@code system}, {@code user} or {@code assistant}. */
public record EvalMessage(String role, String content) {
    public static EvalMessage system(String content) {
        return new EvalMessage("system", content);
    }

    public static EvalMessage user(String content) {
        return new EvalMessage("user", content);
    }
}
