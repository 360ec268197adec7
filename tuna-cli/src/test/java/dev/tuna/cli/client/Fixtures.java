package dev.tuna.cli.client;

/** OpenAI-shaped JSON objects for the fake backend, with the fields the SDK requires. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String file(String id, String name, long bytes) {
        return """
                {"id":"%s","object":"file","bytes":%d,"created_at":1764574200,"filename":"%s","purpose":"fine-tune","status":"processed"}"""
                .formatted(id, bytes, name);
    }

    public static String list(String... items) {
        return "{\"object\":\"list\",\"data\":[" + String.join(",", items) + "],\"has_more\":false}";
    }

    /** A job; {@code fineTuned} and {@code error} are JSON values (e.g. null, "\"ft:...\""). */
    public static String job(String id, String status, String fineTuned, String error) {
        return """
                {"object":"fine_tuning.job","id":"%s","model":"tuna-nano","created_at":1764574200,"finished_at":%s,
                 "fine_tuned_model":%s,"organization_id":"org-local","result_files":[],"status":"%s",
                 "validation_file":null,"training_file":"file-train","hyperparameters":{"n_epochs":3,"batch_size":1,
                 "learning_rate_multiplier":1.0},"trained_tokens":null,"error":%s,"seed":42,"estimated_finish":null}"""
                .formatted(id, status.equals("succeeded") || status.equals("failed") || status.equals("cancelled") ? "1764574500" : "null",
                        fineTuned, status, error);
    }

    public static String event(String id, String message) {
        return """
                {"object":"fine_tuning.job.event","id":"%s","created_at":1764574210,"level":"info","message":"%s","type":"message","data":null}"""
                .formatted(id, message);
    }

    public static String metrics(String id, int step, int total, double loss) {
        return """
                {"object":"fine_tuning.job.event","id":"%s","created_at":1764574220,"level":"info",
                 "message":"Step %d/%d: training loss=%.4f","type":"metrics",
                 "data":{"step":%d,"train_loss":%.4f,"total_steps":%d}}"""
                .formatted(id, step, total, loss, step, loss, total);
    }

    public static String chat(String fingerprint, String... answers) {
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < answers.length; i++) {
            choices.append(i > 0 ? "," : "").append("""
                    {"index":%d,"message":{"role":"assistant","content":"%s","refusal":null},"logprobs":null,"finish_reason":"stop"}"""
                    .formatted(i, answers[i]));
        }
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764574200,"model":"tuna-nano","choices":[%s],
                 "usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8},"system_fingerprint":%s}"""
                .formatted(choices, fingerprint == null ? "null" : "\"" + fingerprint + "\"");
    }

    /** An SSE stream of chat chunks, one per piece, ending with [DONE]. */
    public static String chatStream(String... pieces) {
        StringBuilder sb = new StringBuilder();
        String head = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1764574200,\"model\":\"tuna-nano\",\"system_fingerprint\":\"fp_local\",\"choices\":[";
        sb.append("data: ").append(head).append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String p : pieces) {
            sb.append("data: ").append(head).append("{\"index\":0,\"delta\":{\"content\":\"").append(p).append("\"},\"finish_reason\":null}]}\n\n");
        }
        sb.append("data: ").append(head).append("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }
}
