package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.worker.WorkerFactory;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API process as it really starts (real database and Redis; Temporal out of reach does not stop a
 * start) holds no activity implementation, worker or outbound client of the workers: it reads through
 * persistence and changes orders only by telling their workflows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContextTests {

    private RunningApi api;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of());
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void noBeanImplementsAnActivityInterface() {
        var context = api.context();
        var activityBeans = Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> isActivity(context.getType(name)))
                .toList();

        assertThat(context.getBeanDefinitionCount()).isGreaterThan(100);
        assertThat(activityBeans).isEmpty();
    }

    @Test
    void noBeanComesFromTheActivitiesOrWorkersAndNoWorkerRuns() {
        var context = api.context();
        var foreign = Arrays.stream(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(java.util.Objects::nonNull)
                .map(Class::getName)
                .filter(type -> type.startsWith("dev.comanda.activities.") || type.startsWith("dev.comanda.worker."))
                .toList();

        assertThat(foreign).isEmpty();
        assertThat(context.getBeansOfType(WorkerFactory.class)).isEmpty();
    }

    @Test
    void theActivitiesModuleIsNotOnTheApisClasspath() {
        assertThatThrownBy(() -> Class.forName("dev.comanda.activities.payment.PaymentActivitiesImpl"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static boolean isActivity(Class<?> type) {
        if (type == null) {
            return false;
        }
        for (var current = type; current != null; current = current.getSuperclass()) {
            for (var contract : current.getInterfaces()) {
                if (contract.isAnnotationPresent(ActivityInterface.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
