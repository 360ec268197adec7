package dev.tuna.server;

import dev.tuna.server.chat.ChatApi;
import dev.tuna.server.dashboard.DashboardApi;
import dev.tuna.server.files.FilesApi;
import dev.tuna.server.jobs.JobsApi;
import dev.tuna.server.models.ModelsApi;
import io.javalin.config.RoutesConfig;

/** The route table: every endpoint of the server, in one place. */
final class Routes {
    private Routes() {
    }

    static void register(RoutesConfig r, FilesApi files, JobsApi jobs, ChatApi chat, ModelsApi models,
                         DashboardApi dashboard) {
        r.post("/v1/files", files::upload);
        r.get("/v1/files", files::list);
        r.get("/v1/files/{file_id}", files::get);
        r.get("/v1/files/{file_id}/content", files::content);
        r.delete("/v1/files/{file_id}", files::delete);

        r.post("/v1/fine_tuning/jobs", jobs::create);
        r.get("/v1/fine_tuning/jobs", jobs::list);
        r.get("/v1/fine_tuning/jobs/{job_id}", jobs::get);
        r.post("/v1/fine_tuning/jobs/{job_id}/cancel", jobs::cancel);
        r.post("/v1/fine_tuning/jobs/{job_id}/pause", jobs::pause);
        r.post("/v1/fine_tuning/jobs/{job_id}/resume", jobs::resume);
        r.get("/v1/fine_tuning/jobs/{job_id}/events", jobs::events);
        r.get("/v1/fine_tuning/jobs/{job_id}/checkpoints", jobs::checkpoints);

        r.post("/v1/chat/completions", chat::create);

        r.get("/v1/models", models::list);
        r.get("/v1/models/{model}", models::get);
        r.delete("/v1/models/{model}", models::delete);

        dashboard.register(r); // /tuna/...: the dashboard's own routes beside the OpenAI API
    }
}
