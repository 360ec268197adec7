package dev.tuna.engine.hub;

/** Progress of a model download, for a progress bar. */
public interface DownloadListener {
    /** Called once with everything that will be fetched (bytes already on disk count as done). */
    default void started(long totalBytes, long alreadyDone) {
    }

    /** Called as bytes arrive. */
    default void progressed(String file, long bytes) {
    }

    /** Called for each file once it is complete and verified. */
    default void fileDone(String file, boolean verified) {
    }

    DownloadListener NONE = new DownloadListener() { };
}
