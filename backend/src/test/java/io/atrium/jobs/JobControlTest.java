package io.atrium.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Killing and re-running jobs, listing and killing tasks, and walking those lists a page at a
 * time, through the real master and one real agent, with the demo users' real tokens.
 */
@QuarkusTest
class JobControlTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String HOST = "control-1";
    /** The demo realm's fixed user id of carol (developer in globex, not a member of acme). */
    private static final String CAROL = "9b0b6d3e-0a61-4c55-9f0e-000000000004";

    private static AgentProcess agent;

    @Inject
    Pool pool;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.start(HOST, "cpus:2;mem:2048");
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    /** A job pinned to this class's agent, each instance asking half a cpu. */
    private static Map<String, Object> job(String name, String command, int instances, int maxRetries) {
        return Map.of(
                "name", name,
                "command", command,
                "instances", instances,
                "maxRetries", maxRetries,
                "resources", Map.of("cpus", 0.5, "mem", 32),
                "constraints", List.of(List.of("hostname", "LIKE", HOST)));
    }

    private static Response post(String user, String path) {
        return given().auth().oauth2(Tokens.accessToken(user)).post("/api/tenants/" + path);
    }

    private static Response get(String user, String path) {
        return given().auth().oauth2(Tokens.accessToken(user)).get("/api/tenants/" + path);
    }

    private static List<String> states(String job) {
        return Api.job("bob", "acme", job).getList("tasks.state");
    }

    /** Waits until {@code n} tasks of the job run, and returns their ids. */
    private static List<String> running(String job, int n) {
        await().atMost(PATIENCE)
                .until(() -> states(job).stream().filter("TASK_RUNNING"::equals).count() == n);
        return Api.job("bob", "acme", job).getList("tasks.id");
    }

    private static void awaitJob(String job, String state) {
        await().atMost(PATIENCE)
                .until(() -> state.equals(Api.job("bob", "acme", job).getString("state")));
    }

    @Test
    void bobKillsHisJobItsTasksEndKilledAndTheInstancesLeftNeverLaunch() {
        // The agent holds four of the six instances; two wait.
        String job = Api.jobOf("bob", "acme", job("kill-me", "sleep 600", 6, 2));
        List<String> tasks = running(job, 4);

        post("bob", "acme/jobs/" + job + "/kill")
                .then()
                .statusCode(202)
                .body("state", equalTo("KILLING"))
                .body("killedAt", notNullValue())
                .body("killed", equalTo(2));

        awaitJob(job, "KILLED");
        JsonPath killed = Api.job("bob", "acme", job);
        assertThat(killed.getList("tasks.state", String.class)).hasSize(4).containsOnly("TASK_KILLED");
        assertThat(killed.getInt("killed")).isEqualTo(6);
        for (String task : tasks) {
            assertThat(Api.task("bob", task).getString("state")).isEqualTo("TASK_KILLED");
        }
        // A job that runs after the kill on the same agent: offers came and went, and the killed
        // job took none of them (nor retried, although it has retries left).
        String after = Api.jobOf("bob", "acme", job("after-kill", "true", 4, 0));
        awaitJob(after, "FINISHED");
        assertThat(Api.job("bob", "acme", job).getList("tasks")).hasSize(4);

        // Killing it again changes nothing.
        post("alice", "acme/jobs/" + job + "/kill")
                .then()
                .statusCode(200)
                .body("state", equalTo("KILLED"))
                .body("killedAt", equalTo(killed.getString("killedAt")));
        // The kill is audited once, as bob's: a second kill is no new action.
        List<String> killers = given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .queryParam("tenant", "acme")
                .queryParam("type", "io.atrium.job.killed.v1")
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.subject == '" + job + "' }.actor");
        assertThat(killers).containsExactly("bob");
    }

    @Test
    void killingAFinishedJobChangesNothingAndAnswersTheJob() {
        String job = Api.jobOf("bob", "acme", job("done", "true", 1, 0));
        awaitJob(job, "FINISHED");

        post("bob", "acme/jobs/" + job + "/kill")
                .then()
                .statusCode(200)
                .body("state", equalTo("FINISHED"))
                .body("finished", equalTo(1))
                .body("killedAt", nullValue());
    }

    @Test
    void killingAJobWithNothingLaunchedEndsItAtOnce() {
        String job = Api.jobOf("bob", "acme", Api.pinnedJob("nowhere", "true", 3, "no-such-host"));
        JsonPath waiting = Api.job("bob", "acme", job);
        assertThat(waiting.getString("waiting.reason")).isEqualTo("CONSTRAINTS");
        assertThat(waiting.getInt("waiting.instances")).isEqualTo(3);
        assertThat(waiting.getInt("waiting.agents")).isPositive();

        post("bob", "acme/jobs/" + job + "/kill")
                .then()
                .statusCode(200)
                .body("state", equalTo("KILLED"))
                .body("killed", equalTo(3))
                .body("tasks", equalTo(List.of()));
    }

    @Test
    void aJobWaitingForRoomOrForItsQuotaSaysWhy() {
        // Four instances fill the agent; the fifth, and another job, wait for room.
        String filler = Api.jobOf("bob", "acme", job("filler", "sleep 600", 5, 0));
        running(filler, 4);
        String late = Api.jobOf("bob", "acme", job("late", "true", 1, 0));
        JsonPath capacity = Api.job("bob", "acme", late);
        assertThat(capacity.getString("waiting.reason")).isEqualTo("CAPACITY");
        assertThat(capacity.getInt("waiting.agents")).isEqualTo(1);
        assertThat(capacity.getString("waiting.message")).contains("has room for cpus:0.5;mem:32");
        assertThat(Api.job("bob", "acme", filler).getInt("waiting.instances")).isEqualTo(1);

        // With acme's cpus limited to what it holds, the master says so rather than "no room".
        Api.setRole("acme", "quota", Map.of("limits", Map.of("cpus", 2))).then().statusCode(200);
        try {
            await().atMost(PATIENCE)
                    .until(() -> "QUOTA".equals(Api.job("bob", "acme", late).getString("waiting.reason")));
            JsonPath quota = Api.job("bob", "acme", late);
            assertThat(quota.getString("waiting.quota[0].role")).isEqualTo("acme");
            assertThat(quota.getString("waiting.quota[0].resource")).isEqualTo("cpus");
            assertThat(quota.getDouble("waiting.quota[0].limit")).isEqualTo(2.0);
            assertThat(quota.getDouble("waiting.quota[0].headroom")).isLessThan(0.5);
            assertThat(quota.getString("waiting.message")).startsWith("acme's quota limit of 2 cpus leaves");
        } finally {
            Api.setRole("acme", "quota", Map.of("guarantees", Map.of(), "limits", Map.of()))
                    .then()
                    .statusCode(200);
        }

        post("bob", "acme/jobs/" + filler + "/kill").then().statusCode(202);
        awaitJob(late, "FINISHED");
        assertThat(Api.job("bob", "acme", late).getString("waiting")).isNull();
        awaitJob(filler, "KILLED");
    }

    @Test
    void killingOneTaskEndsItKilledAndTheJobRetriesTheInstanceIfItMay() {
        String job = Api.jobOf("bob", "acme", job("one-task", "sleep 600", 1, 1));
        String task = running(job, 1).getFirst();

        post("bob", "acme/tasks/" + task + "/kill").then().statusCode(202).body("id", equalTo(task));

        await().atMost(PATIENCE)
                .until(() -> "TASK_KILLED".equals(Api.task("bob", task).getString("state")));
        assertThat(Api.task("bob", task).getList("states.state", String.class)).contains("TASK_KILLING", "TASK_KILLED");
        // A killed task is a failed attempt to its job: the instance runs again (one retry left).
        await().atMost(PATIENCE)
                .until(() -> Api.job("bob", "acme", job).getList("tasks").size() == 2
                        && "TASK_RUNNING".equals(Api.job("bob", "acme", job).getString("tasks[1].state")));
        // Killing a task that ended changes nothing.
        post("bob", "acme/tasks/" + task + "/kill").then().statusCode(200).body("state", equalTo("TASK_KILLED"));

        post("bob", "acme/jobs/" + job + "/kill").then().statusCode(202);
        awaitJob(job, "KILLED");
    }

    @Test
    void anotherTenantNeitherSeesNorKillsAcmesJobsAndTasks() {
        String job = Api.jobOf("bob", "acme", job("private", "sleep 600", 1, 0));
        String task = running(job, 1).getFirst();

        for (String path : List.of(
                "acme/jobs/" + job + "/kill",
                "globex/jobs/" + job + "/kill",
                "acme/jobs/" + job + "/rerun",
                "globex/jobs/" + job + "/rerun",
                "acme/tasks/" + task + "/kill",
                "globex/tasks/" + task + "/kill")) {
            post("carol", path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://atrium.io/problems/not-found"));
        }
        get("carol", "acme/tasks").then().statusCode(404);
        get("carol", "globex/tasks/" + task).then().statusCode(404);
        assertThat(walk("carol", "globex/tasks", 500)).doesNotContain(task);
        assertThat(walk("carol", "globex/jobs", 500)).doesNotContain(job);
        given().post("/api/tenants/acme/jobs/" + job + "/kill").then().statusCode(401);
        given().post("/api/tenants/acme/tasks/" + task + "/kill").then().statusCode(401);

        // Nothing of it was killed.
        assertThat(Api.task("bob", task).getString("state")).isEqualTo("TASK_RUNNING");
        assertThat(Api.job("bob", "acme", job).getString("state")).isEqualTo("RUNNING");
        post("bob", "acme/jobs/" + job + "/kill").then().statusCode(202);
        awaitJob(job, "KILLED");
    }

    @Test
    void aViewerReadsTheJobsAndTasksButCannotKillOrRerunThem() {
        String job = Api.jobOf("bob", "acme", job("watched", "sleep 600", 1, 0));
        String task = running(job, 1).getFirst();
        pool.preparedQuery("insert into membership (tenant, subject, role) values ('acme', $1, 'viewer')")
                .execute(Tuple.of(CAROL))
                .await()
                .indefinitely();
        try {
            get("carol", "acme/jobs/" + job).then().statusCode(200);
            assertThat(walk("carol", "acme/tasks?job=" + job, 100)).containsExactly(task);
            for (String path : List.of(
                    "acme/jobs/" + job + "/kill", "acme/jobs/" + job + "/rerun", "acme/tasks/" + task + "/kill")) {
                post("carol", path)
                        .then()
                        .statusCode(403)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://atrium.io/problems/forbidden"));
            }
        } finally {
            pool.preparedQuery("delete from membership where tenant = 'acme' and subject = $1")
                    .execute(Tuple.of(CAROL))
                    .await()
                    .indefinitely();
        }
        assertThat(Api.task("bob", task).getString("state")).isEqualTo("TASK_RUNNING");
        post("bob", "acme/jobs/" + job + "/kill").then().statusCode(202);
        awaitJob(job, "KILLED");
    }

    @Test
    void rerunSubmitsANewJobWithTheSameSpec() {
        String first = Api.jobOf("bob", "acme", job("again", "echo again", 2, 0));
        awaitJob(first, "FINISHED");

        Response rerun = post("alice", "acme/jobs/" + first + "/rerun");
        rerun.then()
                .statusCode(201)
                .header("Location", endsWith("/api/tenants/acme/jobs/" + rerun.path("id")))
                .body("name", equalTo("again"))
                .body("command", equalTo("echo again"))
                .body("instances", equalTo(2))
                .body("resources", equalTo("cpus:0.5;mem:32"))
                .body("state", equalTo("PENDING"));
        String second = rerun.path("id");
        assertThat(second).isNotEqualTo(first);
        given().auth()
                .oauth2(Tokens.accessToken("bob"))
                .get(rerun.header("Location"))
                .then()
                .statusCode(200)
                .body("id", equalTo(second));
        awaitJob(second, "FINISHED");
        assertThat(Api.job("bob", "acme", first).getList("tasks")).hasSize(2);
    }

    @Test
    void aRerunIsCheckedAgainstTheQuotaAsItIsNow() {
        String job = Api.jobOf("bob", "acme", job("quota-bound", "true", 1, 0));
        Api.setRole("acme", "quota", Map.of("limits", Map.of("cpus", 0.25)))
                .then()
                .statusCode(200);
        try {
            post("bob", "acme/jobs/" + job + "/rerun")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("resources.cpus"));
        } finally {
            Api.setRole("acme", "quota", Map.of("guarantees", Map.of(), "limits", Map.of()))
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void theTaskListFiltersByJobAndStateAndPagesWithoutRepeatsOrGaps() {
        String job = Api.jobOf("bob", "acme", job("listed", "true", 5, 0));
        awaitJob(job, "FINISHED");
        List<String> tasks = Api.job("bob", "acme", job).getList("tasks.id");
        await().atMost(PATIENCE)
                .until(() -> walk("bob", "acme/tasks?state=TASK_FINISHED&job=" + job, 100)
                                .size()
                        == 5);

        assertThat(walk("bob", "acme/tasks?job=" + job, 2)).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(walk("bob", "acme/tasks?job=" + job + "&state=TASK_RUNNING,TASK_KILLED", 2))
                .isEmpty();
        JsonPath page = get("bob", "acme/tasks?limit=1&job=" + job)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(page.getString("items[0].job")).isEqualTo(job);
        assertThat(page.getString("items[0].hostname")).isEqualTo(HOST);
        assertThat(page.getString("items[0].state")).isEqualTo("TASK_FINISHED");
        assertThat(page.getString("next")).isNotNull();

        // All of acme's tasks in small pages (about twenty, to stay within the rate limit): the
        // same as in big pages, in the same order, newest first.
        List<String> all = walk("bob", "acme/tasks", 500);
        assertThat(all).containsAll(tasks);
        assertThat(walk("bob", "acme/tasks", Math.max(3, all.size() / 20))).containsExactlyElementsOf(all);
        List<String> created =
                get("bob", "acme/tasks?limit=500").then().extract().jsonPath().getList("items.createdAt");
        assertThat(created)
                .isSortedAccordingTo((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
        assertThat(walk("carol", "globex/tasks", 500)).doesNotContainAnyElementsOf(tasks);
    }

    @Test
    void theJobListPagesNewestFirstWithoutRepeatsOrGaps() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.addFirst(Api.jobOf("bob", "acme", job("paged-" + i, "true", 1, 0)));
        }

        List<String> all = walk("bob", "acme/jobs", 500);
        List<String> small = walk("bob", "acme/jobs", Math.max(2, all.size() / 20));

        assertThat(small).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        assertThat(all.subList(0, 5)).containsExactlyElementsOf(submitted);
        // A job submitted while a client walks the list does not shift the pages it has not read yet.
        JsonPath first = get("bob", "acme/jobs?limit=2").then().extract().jsonPath();
        String newest = Api.jobOf("bob", "acme", job("paged-late", "true", 1, 0));
        List<String> rest = walkFrom("bob", "acme/jobs", 2, first.getString("next"));
        List<String> walked = new ArrayList<>(first.getList("items.id"));
        walked.addAll(rest);
        assertThat(walked).doesNotContain(newest).containsExactlyElementsOf(all);
    }

    @Test
    void badLimitsAndCursorsAreRefusedNamingTheField() {
        String tasksCursor = get("bob", "acme/tasks?limit=1").then().extract().path("next");
        for (String list : List.of("acme/jobs", "acme/tasks")) {
            for (String limit : List.of("0", "501", "-3", "ten")) {
                refused(list + "?limit=" + limit, "limit");
            }
            refused(list + "?cursor=not-a-cursor", "cursor");
        }
        if (tasksCursor != null) {
            refused("acme/jobs?cursor=" + tasksCursor, "cursor");
        }
        refused("acme/tasks?state=RUNNING", "state");
        get("bob", "acme/jobs?limit=500").then().statusCode(200);
        get("bob", "acme/tasks?limit=1").then().statusCode(200);
    }

    private static void refused(String path, String field) {
        get("bob", path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atrium.io/problems/validation-failed"))
                .body("errors[0].field", equalTo(field));
    }

    /** The ids on every page of a list, following {@code next} until it is null. */
    private static List<String> walk(String user, String list, int limit) {
        return walkFrom(user, list, limit, null);
    }

    private static List<String> walkFrom(String user, String list, int limit, String cursor) {
        List<String> ids = new ArrayList<>();
        Set<String> cursors = new java.util.HashSet<>();
        String next = cursor;
        do {
            String query =
                    (list.contains("?") ? "&" : "?") + "limit=" + limit + (next == null ? "" : "&cursor=" + next);
            JsonPath page =
                    get(user, list + query).then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            ids.addAll(items);
            next = page.getString("next");
            assertThat(next == null || cursors.add(next))
                    .as("a cursor is never given twice")
                    .isTrue();
        } while (next != null);
        return ids;
    }
}
