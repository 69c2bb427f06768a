package io.atrium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResourcesTest {

    private static final List<HostResources.Entry> DETECTED =
            HostResources.parse("detected", "cpus:8;mem:16000;disk:50000;ports:[31000-32000]");

    @Test
    void configuredEntriesReplaceDetectedOnesByName() {
        String offered = HostResources.combine(
                DETECTED, HostResources.parse("config", "cpus:64;cpus(acme):2;gpus:1"), List.of());

        assertThat(offered).isEqualTo("mem:16000;disk:50000;ports:[31000-32000];cpus:64;cpus(acme):2;gpus:1");
    }

    @Test
    void reservedAmountsAreTakenOffUnreservedScalarsOnly() {
        String offered = HostResources.combine(
                DETECTED,
                HostResources.parse("config", "cpus(acme):2"),
                HostResources.parse("reserved", "cpus:0.5;mem:256;disk:60000"));

        // cpus(acme) replaces the detected cpus, so there is no unreserved cpus to take from.
        assertThat(offered).isEqualTo("mem:15744;disk:0;ports:[31000-32000];cpus(acme):2");
    }

    @Test
    void fractionalReservationsStayExact() {
        String offered = HostResources.combine(
                HostResources.parse("detected", "cpus:2"), List.of(), HostResources.parse("reserved", "cpus:0.1"));

        assertThat(offered).isEqualTo("cpus:1.9");
    }

    @Test
    void aTypoInTheConfigurationIsRefusedWithTheEntryAndTheVariable() {
        assertThatThrownBy(() -> HostResources.parse("ATRIUM_AGENT_RESOURCES", "cpus=4"))
                .hasMessageContaining("ATRIUM_AGENT_RESOURCES")
                .hasMessageContaining("'cpus=4'");
        assertThatThrownBy(() -> HostResources.combine(
                        DETECTED, List.of(), HostResources.parse("ATRIUM_AGENT_RESERVED", "ports:[31000-31010]")))
                .hasMessageContaining("only scalar amounts can be reserved");
    }

    @Test
    void gpusAreCountedFromTheNvidiaDeviceFiles(@TempDir Path dev) throws IOException {
        for (String name : List.of("nvidia0", "nvidia1", "nvidiactl", "nvidia-uvm", "null")) {
            Files.createFile(dev.resolve(name));
        }

        assertThat(HostResources.gpus(dev)).isEqualTo(2);
    }

    @Test
    void attributesAreNameValuePairs() {
        assertThat(AgentConfig.attributes("rack:r1; zone:a"))
                .containsEntry("rack", "r1")
                .containsEntry("zone", "a");
        assertThatThrownBy(() -> AgentConfig.attributes("rack")).hasMessageContaining("'rack' is not name:value");
    }
}
