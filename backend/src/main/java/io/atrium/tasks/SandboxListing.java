package io.atrium.tasks;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A directory of a task's sandbox: directories first, then files, each group by name. */
@Schema(name = "SandboxListing")
public record SandboxListing(
        @Schema(description = "The directory listed, relative to the sandbox; empty for the sandbox itself")
        String path,

        List<SandboxEntry> entries,

        @Schema(description = "True when the directory holds more entries than one listing carries (500)")
        boolean truncated) {}
