package io.atrium.agent.containerizer;

import io.atrium.protocol.agent.TaskInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Turns a task into an isolated, limited process tree: prepares its isolators, switches to
 * its user, builds its environment and the launch chain of {@link LaunchScripts}; later
 * lists its processes (for kills), watches its limits, measures it and cleans it up.
 *
 * <p>Two modes. {@code linux}: cgroups (v1 or v2, detected) and namespaces, tasks as an
 * unprivileged user; needs root. {@code posix}: plain child processes, for an agent that is
 * not root (a laptop, a test); no limits are enforced. {@code auto} picks linux when it can.
 */
public final class Containerizer {

    private static final Logger LOG = Logger.getLogger(Containerizer.class.getName());

    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * @param isolation {@code auto}, {@code linux} or {@code posix}
     * @param taskUser who tasks run as when they name no user
     * @param rootFrameworks frameworks whose tasks may run as root
     * @param pidsMax the most processes one task may have
     * @param cpuHardLimit whether cpus is also a CFS cap, not only a share
     * @param workDir the agent's work dir: it names this agent's cgroups
     * @param diskWatchInterval how often sandboxes are measured against their disk resource
     */
    public record Settings(
            String isolation,
            String taskUser,
            Set<String> rootFrameworks,
            long pidsMax,
            boolean cpuHardLimit,
            Path workDir,
            Duration diskWatchInterval) {

        /** The agent's defaults for a work dir. */
        public static Settings defaults(Path workDir) {
            return new Settings("auto", "nobody", Set.of(), 1024, false, workDir, Duration.ofSeconds(15));
        }
    }

    private final Settings settings;
    private final List<Isolator> isolators;
    private final Optional<Cgroups> cgroups;
    private final boolean switchUser;
    private final Users users;

    private Containerizer(
            Settings settings, List<Isolator> isolators, Optional<Cgroups> cgroups, boolean switchUser, Users users) {
        this.settings = settings;
        this.isolators = isolators;
        this.cgroups = cgroups;
        this.switchUser = switchUser;
        this.users = users;
    }

    /** Chooses the mode from the settings and what this host allows. */
    public static Containerizer create(Settings settings) {
        Users users = new Users();
        boolean root = users.agentIsRoot();
        Optional<Cgroups> cgroups = Cgroups.detect(Path.of("/proc/mounts"), "atrium/" + agentKey(settings.workDir()));
        List<String> missing = new ArrayList<>();
        if (!root) {
            missing.add("the agent does not run as root");
        }
        if (cgroups.isEmpty()) {
            missing.add("no cgroup hierarchy with the memory, cpu and pids controllers is mounted");
        }
        for (String tool : List.of("unshare", "setpriv")) {
            if (which(tool).isEmpty()) {
                missing.add(tool + " (util-linux) is not on the PATH");
            }
        }
        boolean linux =
                switch (settings.isolation()) {
                    case "linux" -> {
                        if (!missing.isEmpty()) {
                            throw new IllegalStateException(
                                    "ATRIUM_AGENT_ISOLATION=linux cannot work here: " + String.join("; ", missing));
                        }
                        yield true;
                    }
                    case "posix" -> false;
                    default -> missing.isEmpty();
                };
        if (!linux) {
            if (!settings.isolation().equals("posix")) {
                LOG.warning("tasks run without isolation or limits (posix mode): " + String.join("; ", missing));
            }
            return new Containerizer(settings, List.of(disk(settings)), Optional.empty(), root, users);
        }
        List<Isolator> isolators = List.of(
                new CgroupsIsolator(cgroups.orElseThrow(), settings.pidsMax(), settings.cpuHardLimit()),
                new NamespacesIsolator(),
                disk(settings));
        return new Containerizer(settings, isolators, cgroups, true, users);
    }

    private static DiskIsolator disk(Settings settings) {
        return new DiskIsolator(settings.diskWatchInterval(), Clock.systemUTC());
    }

    /** The cgroups tasks are limited by; empty in posix mode. */
    public Optional<Cgroups> cgroups() {
        return cgroups;
    }

    /** One line for the agent's start-up log. */
    public String describe() {
        String user = switchUser ? "as " + settings.taskUser() : "as the agent's user";
        return cgroups.map(c -> "linux isolation: cgroups " + c.version() + ", pid/mount/ipc/uts namespaces, tasks run "
                        + user + ", at most " + settings.pidsMax() + " processes each")
                .orElse("posix isolation: only disk limits enforced, tasks run " + user);
    }

    /**
     * Prepares the container and returns the process to start: its output goes to the
     * sandbox's {@code stdout} and {@code stderr}, its exit status to {@code exitFile}, a
     * launch failure's reason to {@code errorFile}.
     */
    public ProcessBuilder prepare(Container container, TaskInfo info, Path exitFile, Path errorFile)
            throws ContainerException, IOException {
        Users.User user = user(info);
        if (switchUser && user.uid() != 0) {
            requireReachable(container.sandbox(), user);
        }
        LaunchSpec spec = new LaunchSpec();
        List<Isolator> prepared = new ArrayList<>();
        try {
            for (Isolator isolator : isolators) {
                prepared.add(isolator);
                isolator.prepare(container, spec);
            }
        } catch (IOException e) {
            prepared.reversed().forEach(isolator -> isolator.cleanup(container));
            throw new ContainerException("Could not isolate the task: " + e.getMessage());
        }
        Path stdout = container.sandbox().resolve("stdout");
        Path stderr = container.sandbox().resolve("stderr");
        for (Path log : List.of(stdout, stderr)) {
            if (Files.notExists(log, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(log); // the fetcher may have written stderr already
            }
            // The agent opens them as root: never through a link a fetched archive planted.
            if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
                prepared.reversed().forEach(isolator -> isolator.cleanup(container));
                throw new ContainerException("The sandbox's " + log.getFileName() + " is not a plain file (a fetched"
                        + " archive may not replace it)");
            }
        }
        if (switchUser) {
            try (Stream<Path> tree = Files.walk(container.sandbox())) {
                for (Path path : tree.toList()) {
                    // lchown: a link's target is not the task's to own
                    Files.setAttribute(path, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        }

        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", LaunchScripts.SUPERVISOR, "atrium-supervisor"));
        command.add(exitFile.toString());
        if (!spec.unshareFlags.isEmpty()) {
            command.add("unshare");
            command.addAll(spec.unshareFlags);
        }
        command.addAll(List.of("/bin/sh", "-c", LaunchScripts.INIT, "atrium-init"));
        command.add(String.join(":", spec.joinFiles.stream().map(Path::toString).toList()));
        command.add(spec.privateTmp == null ? "" : spec.privateTmp.toString());
        command.add(errorFile.toString());
        if (switchUser && user.uid() != 0) {
            command.addAll(setpriv(user));
        }
        command.addAll(userShell(environment(container, info, user), info.getCommand()));

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(container.sandbox().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        rootEnvironment(builder);
        return builder;
    }

    /**
     * The root side of the chain (supervisor, unshare, init, setpriv, nsenter) runs with this
     * fixed environment only: nothing of the task's (PATH, LD_PRELOAD ...) may steer it.
     */
    private static void rootEnvironment(ProcessBuilder builder) {
        builder.environment().clear();
        builder.environment().put("PATH", PATH);
        builder.environment().put("LANG", "C.UTF-8");
    }

    /**
     * The task's shell: it takes on the task's environment itself, after privileges were
     * dropped, from an argument of {@code export} lines quoted for the shell.
     */
    private static List<String> userShell(Map<String, String> environment, String command) {
        StringBuilder exports = new StringBuilder();
        environment.forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return; // not a variable a shell could hold; the master refuses these anyway
            }
            exports.append("export ")
                    .append(name)
                    .append("='")
                    .append(value.replace("'", "'\\''"))
                    .append("'\n");
        });
        return List.of(
                "/bin/sh", "-c", "eval \"$1\"; exec /bin/sh -c \"$2\"", "atrium-task", exports.toString(), command);
    }

    /** Becomes the task's user with no groups, no capabilities and no way to gain privileges. */
    private static List<String> setpriv(Users.User user) {
        return List.of(
                "setpriv",
                "--reuid=" + user.uid(),
                "--regid=" + user.gid(),
                "--clear-groups",
                "--no-new-privs",
                "--inh-caps=-all",
                "--bounding-set=-all");
    }

    /** The task's environment: a clean base, the user's variables, then ours (which win). */
    static Map<String, String> environment(Container container, TaskInfo info, Users.User user) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", container.sandbox().toString());
        env.put("USER", user.name());
        env.put("LOGNAME", user.name());
        env.put("LANG", "C.UTF-8");
        if (info.getEnvironment() != null) {
            env.putAll(info.getEnvironment());
        }
        env.put("ATRIUM_SANDBOX", container.sandbox().toString());
        env.put("MESOS_SANDBOX", container.sandbox().toString());
        env.put("ATRIUM_TASK_ID", info.getTaskId());
        env.put("ATRIUM_FRAMEWORK_ID", info.getFrameworkId());
        List<Integer> ports = container.resources().ports();
        for (int i = 0; i < ports.size(); i++) {
            env.put("PORT" + i, Integer.toString(ports.get(i)));
        }
        if (!ports.isEmpty()) {
            env.put("PORT", Integer.toString(ports.getFirst()));
            env.put(
                    "PORTS",
                    String.join(",", ports.stream().map(String::valueOf).toList()));
        }
        return env;
    }

    private Users.User user(TaskInfo info) throws ContainerException {
        String requested = info.getUser() == null ? settings.taskUser() : info.getUser();
        if (!switchUser) {
            Users.User agent = users.agentUser();
            if (info.getUser() != null && !info.getUser().equals(agent.name())) {
                throw new ContainerException(
                        "The agent runs as " + agent.name() + " and cannot switch to user " + info.getUser());
            }
            return agent;
        }
        Users.User user = users.lookup(requested)
                .orElseThrow(() -> new ContainerException("User " + requested + " does not exist on this agent"));
        if (user.uid() == 0 && !settings.rootFrameworks().contains(info.getFrameworkId())) {
            throw new ContainerException("Tasks of framework " + info.getFrameworkId()
                    + " may not run as root on this agent (see ATRIUM_AGENT_ROOT_FRAMEWORKS)");
        }
        return user;
    }

    /**
     * A health-check command for a running container: in its namespaces (linux mode) and as
     * its user, in its sandbox, with its environment; output discarded.
     */
    public ProcessBuilder checkCommand(Container container, TaskInfo info, ProcessHandle supervisor, String command)
            throws ContainerException {
        Users.User user = user(info);
        List<String> argv = new ArrayList<>();
        if (cgroups.isPresent()) {
            // The container's pid 1, found by descent from our supervisor (supervisor → unshare → init),
            // never by guessing from pids a task could have made.
            long init = supervisor
                    .children()
                    .flatMap(ProcessHandle::children)
                    .mapToLong(ProcessHandle::pid)
                    .findFirst()
                    .orElseThrow(() -> new ContainerException("The task's container has no init left to check in"));
            // Join the task's cgroups first, so the check counts against its limits and dies with it.
            argv.addAll(List.of(
                    "/bin/sh",
                    "-c",
                    "IFS=:; for f in $1; do echo 0 > \"$f\" || exit 125; done; unset IFS; shift; exec \"$@\"",
                    "atrium-check",
                    String.join(
                            ":",
                            cgroups.get().joinFiles(container.id()).stream()
                                    .map(Path::toString)
                                    .toList())));
            argv.addAll(List.of(
                    "nsenter",
                    "--target",
                    Long.toString(init),
                    "--mount",
                    "--uts",
                    "--ipc",
                    "--net",
                    "--pid",
                    // entering a mount namespace moves to its root; come back to the sandbox
                    "--wd=" + container.sandbox()));
        }
        if (switchUser && user.uid() != 0) {
            argv.addAll(setpriv(user));
        }
        argv.addAll(userShell(environment(container, info, user), command));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(container.sandbox().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        rootEnvironment(builder);
        return builder;
    }

    /** The task's user must be able to walk down to its sandbox (JUnit's and mktemp's dirs are 0700). */
    private static void requireReachable(Path sandbox, Users.User user) throws ContainerException, IOException {
        for (Path dir = sandbox.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            boolean searchable = Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)
                    || ((Integer) Files.getAttribute(dir, "unix:uid")) == user.uid();
            if (!searchable) {
                throw new ContainerException("The task user " + user.name() + " cannot reach its sandbox: " + dir
                        + " is not searchable by others (chmod o+x " + dir + ")");
            }
        }
    }

    /** The processes of a running container: its cgroup's, or the supervisor's descendants. */
    public List<ProcessHandle> processes(Container container, ProcessHandle supervisor) {
        if (cgroups.isPresent()) {
            return cgroups.get().pids(container.id()).stream()
                    .flatMap(pid -> ProcessHandle.of(pid).stream())
                    .toList();
        }
        return supervisor.descendants().toList();
    }

    public Optional<Limitation> watch(Container container) {
        for (Isolator isolator : isolators) {
            Optional<Limitation> limitation = isolator.watch(container);
            if (limitation.isPresent()) {
                return limitation;
            }
        }
        return Optional.empty();
    }

    public Usage usage(Container container) {
        Usage usage = Usage.NONE;
        for (Isolator isolator : isolators) {
            usage = usage.plus(isolator.usage(container));
        }
        return usage;
    }

    public void cleanup(Container container) {
        isolators.reversed().forEach(isolator -> isolator.cleanup(container));
    }

    /** After an agent restart: tears down containers of tasks the agent no longer has. */
    public void recover(Set<String> live) {
        isolators.forEach(isolator -> isolator.recover(live));
    }

    /** Why the init could not start the command, if it said so. */
    public static Optional<String> launchError(Path errorFile) {
        try {
            return Optional.of(
                    Files.readString(errorFile, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A short stable name for this agent's cgroups, so agents sharing a host keep apart. */
    static String agentKey(Path workDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(workDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "agent-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> which(String tool) {
        for (String dir : PATH.split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
