package dev.tuna.engine.hub;

import java.util.List;
import java.util.Optional;

/** A repository at one revision: the commit it resolved to and its files. */
public record RepoInfo(String repo, String commit, List<RepoFile> files) {
    public Optional<RepoFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
