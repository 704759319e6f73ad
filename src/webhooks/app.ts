import type { ApplicationFunction } from "probot";
import type { Metrics } from "../http/metrics.js";
import type { Intake } from "./intake.js";

/**
 * The Probot app: guard → parse → record → enqueue, nothing else. Probot has verified the
 * signature; the response goes out once the delivery is committed (a throw answers 500, so GitHub
 * marks the delivery failed and the redelivery sweeper can bring it back).
 */
export function archonApp(intake: Intake, metrics?: Metrics): ApplicationFunction {
  return (app) => {
    app.onAny(async (context) => {
      try {
        const result = await intake.record({ id: context.id, name: context.name, payload: context.payload });
        metrics?.deliveries.inc({ event: context.name, outcome: result.outcome });
      } catch (error) {
        metrics?.deliveries.inc({ event: context.name, outcome: "failed" });
        app.log.error({ err: error, delivery: context.id }, "could not record delivery");
        throw error;
      }
    });
  };
}
