package dev.tuna.server;

import dev.tuna.data.io.Folders;
import dev.tuna.server.chat.ChatApi;
import dev.tuna.server.dashboard.DashboardApi;
import dev.tuna.server.engine.Engine;
import dev.tuna.server.engine.ModelProvider;
import dev.tuna.server.engine.Trainer;
import dev.tuna.server.files.FileStore;
import dev.tuna.server.files.FilesApi;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.ApiKeyAuth;
import dev.tuna.server.http.Json;
import dev.tuna.server.http.RequestIds;
import dev.tuna.server.jobs.JobStore;
import dev.tuna.server.jobs.JobWorker;
import dev.tuna.server.jobs.JobsApi;
import dev.tuna.server.models.LoadedModels;
import dev.tuna.server.models.ModelCatalog;
import dev.tuna.server.models.ModelsApi;
import dev.tuna.server.store.Database;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local OpenAI-compatible server: the {@code /v1} API, the job worker, and the dashboard at {@code /}.
 * Start it with {@link #start}; {@link #stop} (or {@link #close}) lets a running job checkpoint, so it resumes on
 * the next start. {@code tuna serve} runs it in the foreground, {@code tuna demo} in-process.
 */
public final class TunaServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunaServer.class);
    /** Where the dashboard's files are on the class path. */
    public static final String DASHBOARD = "/dev/tuna/server/dashboard";

    private final ServerConfig config;
    private final Database db;
    private final JobWorker worker;
    private final LoadedModels loaded;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    private TunaServer(ServerConfig config, Database db, JobWorker worker, LoadedModels loaded, Javalin app) {
        this.config = config;
        this.db = db;
        this.worker = worker;
        this.loaded = loaded;
        this.app = app;
    }

    /** Starts the server on Tuna's engine: jobs really train, chat runs the trained models. */
    public static TunaServer start(ServerConfig config) throws IOException {
        return start(config, Engine.trainer(), Engine.models());
    }

    /**
     * Opens (or creates) the data folder, resumes interrupted jobs, and starts listening; training and chat go
     * through the given ports (tests pass their own).
     */
    public static TunaServer start(ServerConfig config, Trainer trainer, ModelProvider provider) throws IOException {
        Path data = config.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        Path tmp = data.resolve("tmp");
        Folders.delete(tmp); // uploads and validations cut short by a crash
        Files.createDirectories(tmp);
        Database db = Database.open(data.resolve("tuna.db"));
        try {
            FileStore fileStore = new FileStore(db, data.resolve("files"));
            JobStore jobStore = new JobStore(db);
            ModelCatalog catalog = new ModelCatalog(db, config.modelsDir());
            LoadedModels loaded = new LoadedModels(provider, 2);
            JobWorker worker = new JobWorker(jobStore, fileStore, catalog, trainer, data.resolve("jobs"));

            FilesApi files = new FilesApi(fileStore, config.maxUploadBytes(), jobStore::fileInUse);
            JobsApi jobs = new JobsApi(jobStore, fileStore, catalog, worker);
            ChatApi chat = new ChatApi(catalog, loaded, config.chatConcurrency(), config.chatQueueWait());
            ModelsApi models = new ModelsApi(catalog, loaded);
            ApiKeyAuth auth = new ApiKeyAuth(config.apiKey());
            DashboardApi dashboard = new DashboardApi(data.resolve("reports"), tmp, config.maxUploadBytes());

            Javalin app = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.jetty.host = config.host();
                c.jetty.port = config.port();
                c.jetty.multipartConfig.cacheDirectory(tmp.toString());
                c.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
                c.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
                c.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes() + (1 << 20), SizeUnit.BYTES);
                c.http.maxRequestSize = 64L << 20;
                c.router.ignoreTrailingSlashes = true;
                if (TunaServer.class.getResource(DASHBOARD) != null) {
                    c.staticFiles.add(s -> {
                        s.hostedPath = "/";
                        s.directory = DASHBOARD;
                        s.location = Location.CLASSPATH;
                    });
                }
                c.routes.before(RequestIds::assign);
                c.routes.before("/v1/*", auth::check);
                c.routes.before("/tuna/*", auth::check);
                Routes.register(c.routes, files, jobs, chat, models, dashboard);
                c.routes.exception(ApiException.class, TunaServer::apiError);
                c.routes.exception(HttpResponseException.class, TunaServer::httpError);
                c.routes.exception(Exception.class, TunaServer::serverError);
            });
            worker.start();
            app.start();
            TunaServer server = new TunaServer(config, db, worker, loaded, app);
            if (!auth.required() && !isLoopback(config.host())) {
                LOG.warn("Listening on {} without an API key: anyone who can reach this address can use the server. "
                        + "Start it with --api-key KEY (or TUNA_API_KEY).", config.host());
            }
            return server;
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The port the server listens on (the chosen one when the config asked for port 0). */
    public int port() {
        return app.port();
    }

    public String host() {
        return config.host();
    }

    /** {@code http://host:port/v1}, the base URL for OpenAI clients. */
    public URI baseUrl() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if (h.equals("0.0.0.0") || h.equals("[::]")) {
            h = "127.0.0.1";
        }
        return URI.create("http://" + h + ":" + port() + "/v1");
    }

    public ServerConfig config() {
        return config;
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStop() throws InterruptedException {
        done.await();
    }

    /** Stops taking requests, lets the running job checkpoint (it resumes on the next start), closes the store. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            app.stop();
            worker.close();
            loaded.close();
            db.close();
        } finally {
            done.countDown();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void apiError(ApiException e, Context ctx) {
        Json.send(ctx, e.status(), Json.error(e.getMessage(), e.type(), e.param(), e.code()));
    }

    private static void httpError(HttpResponseException e, Context ctx) {
        String message = e.getStatus() == 404
                ? "Unknown request URL: " + ctx.method() + " " + ctx.path() + ". Please check the URL for typos, or "
                        + "see the API reference for the endpoints this server offers."
                : e.getMessage();
        Json.send(ctx, e.getStatus(), Json.error(message, "invalid_request_error", null,
                e.getStatus() == 404 ? "unknown_url" : null));
    }

    private static void serverError(Exception e, Context ctx) {
        LOG.error("request {} {} ({}) failed", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
        Json.send(ctx, 500, Json.error("The server had an error while processing your request: " + e
                + ". The request id " + RequestIds.of(ctx) + " is in the server's log.", "server_error", null, null));
    }
}
