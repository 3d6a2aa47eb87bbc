import { z } from "zod";
import { defineJobSpec } from "@/lib/jobs/job-spec";

/** E-mails a stored report to a schedule's recipients; retried by the queue with back-off. */
export const deliverReportJob = defineJobSpec({
  name: "deliver-report",
  schema: z.object({ deliveryId: z.string().regex(/^\d{1,18}$/) }),
});
