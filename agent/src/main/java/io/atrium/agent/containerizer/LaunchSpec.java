package io.atrium.agent.containerizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What isolators ask of the launch, filled in during {@link Isolator#prepare}: cgroups the
 * task's first process joins before anything of the user's runs, namespaces it is started
 * in, and a private {@code /tmp}.
 */
public final class LaunchSpec {
    final List<Path> joinFiles = new ArrayList<>();
    final List<String> unshareFlags = new ArrayList<>();
    Path privateTmp;

    public void join(List<Path> files) {
        joinFiles.addAll(files);
    }

    public void unshare(String flag) {
        unshareFlags.add(flag);
    }

    public void privateTmp(Path dir) {
        privateTmp = dir;
    }
}
