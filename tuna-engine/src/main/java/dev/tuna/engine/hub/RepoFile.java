package dev.tuna.engine.hub;

/**
 * A file of a Hugging Face repository at one commit, as the hub's model-info API lists it.
 *
 * @param name    path inside the repository
 * @param size    bytes
 * @param sha256  the LFS object's SHA-256 (hex) for LFS files, else null
 * @param blobId  the git blob id (SHA-1 hex of "blob SIZE\0" + content) for files kept in git, else null
 */
public record RepoFile(String name, long size, String sha256, String blobId) {
}
