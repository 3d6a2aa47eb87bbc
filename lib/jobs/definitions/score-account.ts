import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";
import { defineJobSpec } from "@/lib/jobs/job-spec";

/** Scores one account over its stored evidence (after a collection, and when a risk acceptance expires). */
export const scoreAccountJob = defineJobSpec({
  name: "score-account",
  schema: z.object({ accountId: ZAccountId }),
});
