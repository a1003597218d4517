package dev.comanda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.VersioningBehavior;
import io.temporal.common.WorkerDeploymentVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerPropertiesTests {

    @Test
    void withoutDeploymentTheWorkersAreUnversioned() {
        assertThat(properties("", "").deploymentOptions()).isEmpty();
        assertThat(properties(null, null).deploymentOptions()).isEmpty();
    }

    @Test
    void deploymentAndBuildIdPinOrdersToThisBuild() {
        var options = properties("comanda", "2f1c9e0").deploymentOptions().orElseThrow();

        assertThat(options.isUsingVersioning()).isTrue();
        assertThat(options.getVersion()).isEqualTo(new WorkerDeploymentVersion("comanda", "2f1c9e0"));
        assertThat(options.getDefaultVersioningBehavior()).isEqualTo(VersioningBehavior.PINNED);
    }

    @Test
    void aDeploymentWithoutBuildIdIsRefusedAtStartup() {
        assertThatThrownBy(() -> properties("comanda", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COMANDA_WORKER_BUILD_ID");
        assertThatThrownBy(() -> properties(null, "2f1c9e0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COMANDA_WORKER_DEPLOYMENT");
    }

    private static WorkerProperties properties(String deploymentName, String buildId) {
        return new WorkerProperties(
                List.of("orders"),
                null,
                600,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                deploymentName,
                buildId,
                true);
    }
}
