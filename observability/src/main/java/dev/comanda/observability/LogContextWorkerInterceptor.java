package dev.comanda.observability;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;

/**
 * Puts the tenant, order and workflow IDs and the activity type in the MDC for the duration of every
 * activity (local ones included), so each log line an activity writes names the order it worked for.
 * The IDs come from the activity's workflow ID, which embeds tenant and order.
 */
public class LogContextWorkerInterceptor extends WorkerInterceptorBase {

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityExecutionContext context;

            @Override
            public void init(ActivityExecutionContext context) {
                this.context = context;
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                var info = context.getInfo();
                LogContext.putWorkflow(info.getWorkflowId());
                MDC.put(LogContext.ACTIVITY_TYPE, info.getActivityType());
                try {
                    return super.execute(input);
                } finally {
                    // Activity threads are pooled: nothing may leak into the next activity's lines.
                    LogContext.clear();
                }
            }
        };
    }
}
