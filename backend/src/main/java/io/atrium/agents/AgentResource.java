package io.atrium.agents;

import io.atrium.api.ErrorCode;
import io.atrium.master.MasterService;
import io.atrium.protocol.events.Actor;
import io.atrium.tenancy.Actors;
import io.atrium.tenancy.TenantAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents for platform admins: list, drain, bring back. */
@Path("/admin/agents")
@RolesAllowed(TenantAccess.PLATFORM_ADMIN)
@Tag(name = "agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    MasterService master;

    @GET
    @Operation(summary = "Every agent the master knows, with its state and resources")
    public Uni<List<AgentView>> list() {
        return master.call(() -> master.get().agents());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One agent")
    public Uni<AgentView> get(@PathParam("id") String id) {
        return found(id, master.call(() -> master.get().agentView(new AgentId(id))));
    }

    @GET
    @Path("/{id}/tasks")
    @Operation(summary = "The tasks on an agent that have not ended, with their tenants")
    public Uni<List<AgentTask>> tasks(@PathParam("id") String id) {
        return found(id, master.call(() -> master.get().agentTasks(new AgentId(id))));
    }

    @POST
    @Path("/{id}/drain")
    @Operation(
            summary = "Drain an agent",
            description = "No new offers go to the agent; tasks still running after the deadline are killed. Emits"
                    + " agent.drained with the admin who asked (audited)")
    public Uni<AgentView> drain(
            @PathParam("id") String id,
            @QueryParam("deadlineSeconds") @DefaultValue("300") @Min(0) @Max(604800) long deadlineSeconds,
            HttpServerRequest http) {
        Actor actor = Actors.of(identity, http);
        return found(
                id, master.call(() -> master.get().drain(new AgentId(id), Duration.ofSeconds(deadlineSeconds), actor)));
    }

    @POST
    @Path("/{id}/undrain")
    @Operation(summary = "Bring a drained agent back into service")
    public Uni<AgentView> undrain(@PathParam("id") String id, HttpServerRequest http) {
        Actor actor = Actors.of(identity, http);
        return found(id, master.call(() -> master.get().undrain(new AgentId(id), actor)));
    }

    private static <T> Uni<T> found(String id, Uni<Optional<T>> answer) {
        return answer.map(found -> found.orElseThrow(() -> ErrorCode.NOT_FOUND.exception("No agent " + id)));
    }
}
