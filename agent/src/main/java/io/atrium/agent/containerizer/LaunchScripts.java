package io.atrium.agent.containerizer;

/**
 * The two small shell programs between the agent and a task's command.
 *
 * <pre>
 * agent ─ supervisor (root, outside the container; outlives an agent restart; writes the exit status)
 *           └ [unshare: new pid, mount, ipc, uts (net) namespaces]
 *               └ init (pid 1 inside; joins the cgroups, mounts a private /tmp, then waits)
 *                   └ [setpriv: the task's user, no capabilities, no new privileges]
 *                       └ /bin/sh -c "command"
 * </pre>
 *
 * <p>Everything the scripts need comes as arguments, so nothing of ours is in the task's
 * environment. The init joins the cgroups before it starts the command, so no process of the
 * user's ever runs outside them.
 */
final class LaunchScripts {

    private LaunchScripts() {}

    /** {@code $1}: the exit status file; the rest: the command to supervise. */
    static final String SUPERVISOR = """
            exit_file=$1; shift
            "$@"
            code=$?
            printf '%s' "$code" > "$exit_file.tmp" && mv -f "$exit_file.tmp" "$exit_file"
            exit "$code"
            """;

    /**
     * {@code $1}: cgroup.procs files to join, ':'-separated; {@code $2}: the directory to mount
     * on /tmp (or empty); {@code $3}: where to write why the launch failed; the rest: the command.
     * SIGTERM only interrupts the wait: the agent signals the task's processes itself, and as
     * pid 1 the init would otherwise ignore it and leave the task without its exit status.
     */
    static final String INIT = """
            joins=$1 tmp=$2 error_file=$3; shift 3
            fail() { printf '%s\\n' "$1" > "$error_file"; exit 125; }
            IFS=:
            for f in $joins; do echo 0 > "$f" || fail "could not join the cgroup $f"; done
            unset IFS
            if [ -n "$tmp" ]; then mount --bind "$tmp" /tmp || fail "could not mount a private /tmp"; fi
            trap : TERM
            "$@" &
            child=$!
            wait "$child"; code=$?
            while [ "$code" -gt 128 ] && kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done
            exit "$code"
            """;
}
