import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";

/**
 * The cron sweep: one collect job per collectable account. The job key `collect:<id>`
 * makes the queue hold at most one pending collection per account, however often the
 * sweep (or a user) asks.
 */
export default defineJob({
  name: "schedule-collection-sweep",
  schema: z.object({ trigger: z.string().default("schedule") }).default({ trigger: "schedule" }),
  async handle(payload, { runtime, enqueue, log }) {
    const accounts = await runtime.pool.query<{ id: string }>(
      "SELECT id FROM accounts WHERE role_arn IS NOT NULL AND status <> 'disabled' ORDER BY id",
    );
    for (const account of accounts.rows) {
      await enqueue("collect-account", { accountId: account.id, trigger: payload.trigger }, { jobKey: `collect:${account.id}`, maxAttempts: 5 });
    }
    log(`sweep: queued collection of ${accounts.rows.length} accounts`);
  },
});
