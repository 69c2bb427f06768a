package io.atrium.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a newcomer sees when their machine is not ready: one line saying what to do. */
class ClearErrorsTest {

    @Test
    void withoutAJdk25TheScriptSaysWhatToInstall() throws Exception {
        Path noJdks = Files.createDirectories(AtriumScript.WORK.resolve("no-jdks"));
        AtriumScript.Result result = AtriumScript.run(
                Map.of(
                        "JAVA_HOME", "/nonexistent",
                        "ATRIUM_JDK_SEARCH_PATH", noJdks.toString(),
                        "PATH", AtriumScript.pathWithout("java", Set.of("java", "javac"))),
                "up");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines())
                .singleElement()
                .asString()
                .startsWith("atrium: Atrium needs a JDK 25 or newer (found: none); install one");
    }

    @Test
    void withoutNpmABuildSaysWhatToInstall() {
        AtriumScript.Result result = AtriumScript.run(
                Map.of(
                        "JAVA_HOME", System.getProperty("java.home"),
                        "PATH", AtriumScript.pathWithout("npm", Set.of("npm", "npx", "node", "nodejs", "corepack"))),
                "up",
                "--rebuild");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines())
                .singleElement()
                .asString()
                .startsWith("atrium: npm is missing: the portal is built with Node.js 20+ and npm; install them");
    }

    @Test
    void aBusyPortIsNamedInOneLineAndNothingIsStarted() throws Exception {
        Path state = AtriumScript.WORK.resolve("busy-port-state");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            AtriumScript.Result result = AtriumScript.run(
                    Map.of("ATRIUM_STATE_DIR", state.toString(), "ATRIUM_HTTP_PORT", String.valueOf(port)), "up");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.lines())
                    .containsExactly("atrium: Port " + port + " (master HTTP) is already in use: stop what listens"
                            + " there (ss -ltnp 'sport = :" + port + "') or choose another port with ATRIUM_HTTP_PORT");
        }
        assertThat(state.resolve("run/children.pids")).doesNotExist();
        assertThat(state.resolve("postgres")).doesNotExist();
    }

    @Test
    void anUnknownCommandIsRefusedWithTheUsage() {
        AtriumScript.Result result = AtriumScript.run(Map.of(), "start");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines())
                .containsExactly("atrium: unknown command 'start': use ./atrium up [--rebuild] | down | status | test");
    }
}
