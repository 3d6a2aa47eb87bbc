import { deliverReport } from "@/lib/data/reports/deliver-report";
import { defineJob } from "@/lib/jobs/define-job";
import { deliverReportJob } from "@/lib/jobs/definitions/deliver-report";

/** E-mails a stored report; a failure is recorded on the delivery and rethrown, so the queue retries with back-off. */
export default defineJob({
  ...deliverReportJob,
  async handle(payload, { runtime, attempt, log }) {
    try {
      const outcome = await deliverReport(runtime.pool, payload.deliveryId, attempt);
      if (outcome === "sent") log(`deliver-report: delivery ${payload.deliveryId} sent`);
    } catch (error) {
      log(
        `deliver-report: delivery ${payload.deliveryId} attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    }
  },
});
