package io.atrium.tasks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A piece of a task's stdout or stderr, as Mesos' {@code /files/read} answers. */
@Schema(name = "LogChunk")
public record LogChunk(
        @Schema(description = "Where `data` starts in the file, in bytes")
        long offset,

        @Schema(description = "The file's size when it was read, in bytes")
        long size,

        @Schema(description = "The bytes read, as UTF-8 text")
        String data) {}
