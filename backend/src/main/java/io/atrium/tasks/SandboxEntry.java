package io.atrium.tasks;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a task's sandbox directory, as its agent's file system says. */
@Schema(name = "SandboxEntry")
public record SandboxEntry(
        @Schema(description = "Its name in its directory", example = "stdout")
        String name,

        @Schema(
                description = "Its path relative to the sandbox; pass it as `path` to list or read it",
                example = "out/result.txt")
        String path,

        @Schema(description = "Whether it is a directory (list it) rather than a file (read or download it)")
        boolean directory,

        @Schema(description = "Whether it is a symbolic link; links are served only when they stay inside the sandbox")
        boolean symlink,

        @Schema(description = "Its size in bytes") long size,
        @Schema(description = "When it was last modified") Instant modifiedAt) {}
