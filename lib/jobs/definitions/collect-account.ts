import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";
import { defineJobSpec } from "@/lib/jobs/job-spec";

/** One account's collection; queued with job key `collect:<accountId>` (at most one pending per account). */
export const collectAccountJob = defineJobSpec({
  name: "collect-account",
  schema: z.object({
    accountId: ZAccountId,
    trigger: z.string().default("schedule"),
  }),
});
