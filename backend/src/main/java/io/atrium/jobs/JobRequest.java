package io.atrium.jobs;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch job as submitted: run {@code command} {@code instances} times, each with these resources. */
@Schema(name = "JobRequest", description = "A batch job: a command run as a number of instances")
public record JobRequest(
        @Schema(description = "A short name", examples = "sleepers")
        @NotBlank
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "use 1-63 lowercase letters, digits and '-'")
        String name,

        @Schema(description = "Shell command run with /bin/sh -c in the task's sandbox", examples = "sleep 2")
        @NotBlank
        @Size(max = 65536)
        String command,

        @NotNull @Valid TaskResources resources,

        @Schema(description = "How many instances to run", examples = "20") @Min(1) @Max(10000)
        int instances,

        @Schema(description = "How often a failed instance is retried (default 0)") @Min(0) @Max(100)
        Integer maxRetries,

        @Schema(
                description = "Placement constraints, Marathon style: [field, UNIQUE] or [field, LIKE, regex]; "
                        + "field is hostname or an agent attribute",
                examples = "[[\"hostname\", \"UNIQUE\"], [\"rack\", \"LIKE\", \"r[12]\"]]")
        @Size(max = 20)
        List<@NotNull @Size(min = 2, max = 3) List<@NotNull @Size(max = 255) String>> constraints,

        @Schema(description = "Environment variables for the command") @Size(max = 100)
        Map<
                        @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,127}", message = "not a valid variable name") String,
                        @NotNull @Size(max = 4096) String>
                env,

        @Schema(description = "Files fetched into each task's sandbox before its command starts") @Size(max = 64)
        List<@NotNull @Valid Fetch> uris,

        @Schema(description = "How each task's health is checked while it runs") @Valid
        Health healthCheck,

        @Schema(
                description = "Seconds between SIGTERM and SIGKILL when a task is killed (the agent's default, 3,"
                        + " when absent)")
        @DecimalMin("0")
        @DecimalMax("3600")
        BigDecimal killGracePeriodSeconds,

        @Schema(description = "Who the tasks run as on the agent (its task user, nobody by default, when absent)")
        @Size(max = 32)
        @Pattern(regexp = "[a-z_][a-z0-9_.-]*", message = "must be a user name")
        String user,

        @Schema(description = "host (default) or none: a network namespace of the task's own, with no way out")
        @Pattern(regexp = "host|none", message = "must be host or none")
        String network) {

    /** The container settings each task of the job gets. */
    io.atrium.tasks.ContainerSpec container() {
        return new io.atrium.tasks.ContainerSpec(
                uris == null ? List.of() : uris.stream().map(Fetch::protocol).toList(),
                healthCheck == null ? null : healthCheck.protocol(),
                killGracePeriodSeconds == null ? null : killGracePeriodSeconds.doubleValue(),
                user,
                network == null ? null : io.atrium.protocol.agent.TaskInfo.Network.fromValue(network));
    }

    /** A Mesos-style health check; results show as each task's `healthy`. */
    @Schema(name = "HealthCheck")
    public record Health(
            @Schema(
                    description = "COMMAND (run in the task's container; exit 0 is healthy), HTTP (GET; 2xx/3xx is"
                            + " healthy) or TCP (connect)")
            @NotNull
            @Pattern(regexp = "COMMAND|HTTP|TCP", message = "must be COMMAND, HTTP or TCP")
            String type,

            @Schema(description = "For COMMAND") @Size(min = 1, max = 4096)
            String command,

            @Schema(description = "For HTTP and TCP: a port on the agent; the task's first port when absent")
            @Min(1)
            @Max(65535)
            Integer port,

            @Schema(description = "For HTTP: the path; / when absent")
            @Size(max = 1024)
            @Pattern(regexp = "/.*", message = "must start with /")
            String path,

            @Schema(description = "Seconds before the first check (default 15)") @DecimalMin("0") @DecimalMax("3600")
            BigDecimal delaySeconds,

            @Schema(description = "Seconds between checks (default 10)") @DecimalMin("0.1") @DecimalMax("3600")
            BigDecimal intervalSeconds,

            @Schema(description = "A check slower than this fails (default 20)") @DecimalMin("0.1") @DecimalMax("3600")
            BigDecimal timeoutSeconds,

            @Schema(description = "Failures in a row that make a task unhealthy (default 3)") @Min(1) @Max(100)
            Integer consecutiveFailures) {

        /** A COMMAND check needs its command. */
        @jakarta.validation.constraints.AssertTrue(message = "a COMMAND check needs a command")
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isCommandGiven() {
            return !"COMMAND".equals(type) || command != null;
        }

        io.atrium.protocol.agent.HealthCheck protocol() {
            return new io.atrium.protocol.agent.HealthCheck()
                    .withType(io.atrium.protocol.agent.HealthCheck.Type.fromValue(type))
                    .withCommand(command)
                    .withPort(port == null ? null : port.longValue())
                    .withPath(path)
                    .withDelaySeconds(delaySeconds == null ? null : delaySeconds.doubleValue())
                    .withIntervalSeconds(intervalSeconds == null ? null : intervalSeconds.doubleValue())
                    .withTimeoutSeconds(timeoutSeconds == null ? null : timeoutSeconds.doubleValue())
                    .withConsecutiveFailures(consecutiveFailures == null ? null : consecutiveFailures.longValue());
        }
    }

    /** One file to fetch into the sandbox (Mesos' CommandInfo.URI). */
    @Schema(name = "FetchUri")
    public record Fetch(
            @Schema(
                    description = "http(s) or file: URL, or an absolute path on the agent",
                    examples = "https://example.com/app.tar.gz")
            @NotBlank
            @Size(max = 4096)
            @Pattern(
                    regexp = "(?i)(https?://|file:/|/).+",
                    message = "must be an http(s) or file: URL or an absolute path")
            String value,

            @Schema(description = "Make the file executable")
            Boolean executable,

            @Schema(description = "Unpack .tar(.gz|.bz2|.xz), .tgz and .zip archives (the default)")
            Boolean extract,

            @Schema(description = "Keep it in the agent's cache for the next task")
            Boolean cache,

            @Schema(description = "Its name in the sandbox; the URL's last path segment when absent")
            @Size(max = 255)
            @Pattern(regexp = "[^/]+", message = "must be a file name, without '/'")
            String outputFile) {

        io.atrium.protocol.agent.FetchUri protocol() {
            return new io.atrium.protocol.agent.FetchUri()
                    .withValue(value)
                    .withExecutable(executable)
                    .withExtract(extract)
                    .withCache(cache)
                    .withOutputFile(outputFile);
        }
    }

    /** What one instance holds while it runs. */
    @Schema(name = "TaskResources")
    public record TaskResources(
            @Schema(description = "CPUs, fractional to 3 decimals", examples = "0.1")
            @NotNull
            @DecimalMin(value = "0.001", message = "must be at least 0.001")
            @DecimalMax(value = "1024", message = "must be at most 1024")
            @Digits(integer = 4, fraction = 3, message = "at most 3 decimals")
            BigDecimal cpus,

            @Schema(description = "Memory in MiB", examples = "32") @Min(1) @Max(4_194_304)
            long mem,

            @Schema(description = "Disk in MiB (default 0)") @Min(0) @Max(1_073_741_824)
            Long disk,

            @Schema(description = "GPUs (default 0)") @Min(0) @Max(64)
            Integer gpus) {

        /** In Mesos text form, leaving out zero amounts. */
        public String text() {
            StringBuilder text =
                    new StringBuilder("cpus:" + cpus.stripTrailingZeros().toPlainString() + ";mem:" + mem);
            if (disk != null && disk > 0) {
                text.append(";disk:").append(disk);
            }
            if (gpus != null && gpus > 0) {
                text.append(";gpus:").append(gpus);
            }
            return text.toString();
        }
    }
}
