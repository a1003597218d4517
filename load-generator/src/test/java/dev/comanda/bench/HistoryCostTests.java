package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HistoryCostTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void countsEventsAndWorkflowTasksInTotalAndUpToTheWriteOfConfirmed() {
        var history = json.readTree("""
                {"events": [
                  {"eventId": "1", "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"},
                  {"eventId": "2", "eventType": "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED"},
                  {"eventId": "3", "eventType": "EVENT_TYPE_WORKFLOW_TASK_STARTED"},
                  {"eventId": "4", "eventType": "EVENT_TYPE_WORKFLOW_TASK_COMPLETED"},
                  {"eventId": "5", "eventType": "EVENT_TYPE_MARKER_RECORDED", "markerRecordedEventAttributes":
                    {"details": {"type": {"payloads": [{"data": "IlJlY29yZFBsYWNlZCI="}]}}}},
                  {"eventId": "6", "eventType": "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED"},
                  {"eventId": "7", "eventType": "EVENT_TYPE_WORKFLOW_TASK_STARTED"},
                  {"eventId": "8", "eventType": "EVENT_TYPE_WORKFLOW_TASK_COMPLETED"},
                  {"eventId": "9", "eventType": "EVENT_TYPE_MARKER_RECORDED", "markerRecordedEventAttributes":
                    {"details": {"type": {"payloads": [{"data": "IlJlY29yZFByb2dyZXNzIg=="}]}}}},
                  {"eventId": "10", "eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED"},
                  {"eventId": "11", "eventType": "EVENT_TYPE_MARKER_RECORDED", "markerRecordedEventAttributes":
                    {"details": {"type": {"payloads": [{"data": "IlJlY29yZFByb2dyZXNzIg=="}]}}}}
                ]}
                """);

        assertThat(HistoryCost.count(history)).isEqualTo(new HistoryCost.Counts(11, 2, 9, 2));
    }

    @Test
    void aHistoryThatNeverRecordedProgressCountsWhollyAsTheWayToConfirmed() {
        var history = json.readTree("""
                {"events": [
                  {"eventType": "WorkflowExecutionStarted"},
                  {"eventType": "WorkflowTaskScheduled"},
                  {"eventType": "WorkflowTaskStarted"},
                  {"eventType": "WorkflowTaskCompleted"}
                ]}
                """);

        assertThat(HistoryCost.count(history)).isEqualTo(new HistoryCost.Counts(4, 1, 4, 1));
    }

    @Test
    void bothSpellingsOfAnEventTypeMeanTheSame() {
        assertThat(HistoryCost.normalized("EVENT_TYPE_WORKFLOW_TASK_COMPLETED"))
                .isEqualTo(HistoryCost.normalized("WorkflowTaskCompleted"))
                .isEqualTo("WORKFLOW_TASK_COMPLETED");
    }
}
