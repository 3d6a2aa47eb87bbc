import { z } from "zod";
import { ZReportScope } from "@/lib/reports/report-scope";
import { defineJobSpec } from "@/lib/jobs/job-spec";

/** Prints and stores one weekly report; from a schedule (job key `report:<schedule>:<week>`) or on demand. */
export const generateReportJob = defineJobSpec({
  name: "generate-report",
  schema: z.object({
    scope: ZReportScope,
    week: z.string().regex(/^\d{4}-W\d{2}$/),
    paper: z.enum(["a4", "letter"]),
    generatedBy: z.string().min(1),
    scheduleId: z
      .string()
      .regex(/^\d{1,18}$/)
      .nullish(),
  }),
});
