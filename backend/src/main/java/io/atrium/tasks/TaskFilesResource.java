package io.atrium.tasks;

import io.atrium.api.AtriumException;
import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import io.atrium.tenancy.TenantAccess;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The files of a tenant's task's sandbox: list a directory, read a piece of a file, download a
 * whole one. Paths are relative to the sandbox and never lead out of it; another tenant's task
 * is simply not found.
 */
@Path("/tenants/{tenant}/tasks/{id}/files")
@Authenticated
@Tag(name = "tasks")
public class TaskFilesResource {

    private static final String PATH_DESCRIPTION = "Relative to the task's sandbox, '/'-separated; absolute paths,"
            + " '..' and symbolic links that lead out of the sandbox are refused";

    @Inject
    TaskFiles files;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "List a directory of the task's sandbox",
            description = "The entries of the directory at `path` in the task's latest sandbox, read through its"
                    + " agent, also after the task ended (until the sandbox is collected): directories first, then"
                    + " files, each by name. Symbolic links are listed, not followed")
    @APIResponse(responseCode = "200", description = "The directory's entries")
    @APIResponse(
            responseCode = "400",
            description = "A `path` that is absolute, holds '..', leads out of the sandbox through a link, or is"
                    + " not a directory; the problem names `path`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task in a tenant you belong to, or no such directory")
    @APIResponse(responseCode = "503", description = "The task's agent is not connected or did not answer")
    public Uni<SandboxListing> list(
            @PathParam("tenant") String tenant,
            @PathParam("id") String id,
            @Parameter(description = "The directory; empty (the default) for the sandbox itself. " + PATH_DESCRIPTION)
                    @QueryParam("path")
                    @DefaultValue("")
                    String path) {
        TaskFiles.checkPath(path, true);
        return access.require(identity, tenant, TenantAccess.READERS).chain(() -> files.list(tenant, id, path));
    }

    @GET
    @Path("/read")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Read a piece of a file in the task's sandbox",
            description = "Bytes [offset, offset + length) of the file as it is now, as the log range read answers;"
                    + " offset -1 reads the last `length` bytes")
    @APIResponse(
            responseCode = "400",
            description = "A bad `path` (see the listing), `offset` or `length`; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task in a tenant you belong to, or no such file")
    @APIResponse(responseCode = "503", description = "The task's agent is not connected or did not answer")
    public Uni<LogChunk> read(
            @PathParam("tenant") String tenant,
            @PathParam("id") String id,
            @Parameter(description = "The file. " + PATH_DESCRIPTION, required = true, example = "stdout")
                    @QueryParam("path")
                    String path,
            @QueryParam("offset") @DefaultValue("0") long offset,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "65536", maximum = "131072"))
                    @QueryParam("length")
                    @DefaultValue("65536")
                    int length) {
        TaskFiles.checkPath(path, false);
        if (offset < -1) {
            throw invalid("offset", "must be -1 (the end) or a byte offset, got " + offset);
        }
        if (length < 0 || length > TaskFiles.CHUNK) {
            throw invalid("length", "must be between 0 and " + TaskFiles.CHUNK + ", got " + length);
        }
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> files.read(tenant, id, path, offset, length));
    }

    @GET
    @Path("/download")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(
            summary = "Download a file of the task's sandbox",
            description = "The whole file as an attachment, streamed from its agent a chunk at a time, up to the"
                    + " size it had when the download began (no size cap). Errors are found before the first byte"
                    + " and answered as problems")
    @APIResponse(
            responseCode = "200",
            description = "The file's bytes",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_OCTET_STREAM,
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "400",
            description = "A bad `path`; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task in a tenant you belong to, or no such file")
    @APIResponse(responseCode = "503", description = "The task's agent is not connected or did not answer")
    public Multi<byte[]> download(
            @PathParam("tenant") String tenant,
            @PathParam("id") String id,
            @Parameter(description = "The file. " + PATH_DESCRIPTION, required = true, example = "stdout")
                    @QueryParam("path")
                    String path) {
        TaskFiles.checkPath(path, false);
        return RestMulti.fromUniResponse(
                access.require(identity, tenant, TenantAccess.READERS)
                        .chain(() -> files.startDownload(tenant, id, path)),
                download -> files.rest(tenant, id, path, download),
                download -> Map.of("Content-Disposition", List.of(attachment(download.name()))),
                download -> 200);
    }

    /** A Content-Disposition for the file's name: ASCII fallback plus the exact name (RFC 6266). */
    static String attachment(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
    }

    private static AtriumException invalid(String field, String reason) {
        return ErrorCode.VALIDATION_FAILED.invalid(field, reason);
    }
}
