import { z } from "zod";
import { collectAccount } from "@/lib/collect/collect-account";
import { defineJob } from "@/lib/jobs/define-job";

export const ZCollectAccountPayload = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  trigger: z.string().default("schedule"),
});

/**
 * Collects one account, then queues its scoring. AWS errors are recorded on the run and do
 * not fail the job (retrying a denied role every few seconds helps no one); a database
 * error does, so the queue retries it with backoff and the cursors make the retry resume.
 */
export default defineJob({
  name: "collect-account",
  schema: ZCollectAccountPayload,
  async handle(payload, { runtime, enqueue, log }) {
    const result = await runtime.pool.query<{ id: string; role_arn: string | null; external_id: string | null; regions: string[]; status: string }>(
      "SELECT id, role_arn, external_id, regions, status FROM accounts WHERE id = $1",
      [payload.accountId],
    );
    const account = result.rows[0];
    if (!account || !account.role_arn || account.status === "disabled") {
      log(`collect-account: ${payload.accountId} is not collectable (unknown, disabled or without a role); skipped`);
      return;
    }
    const summary = await collectAccount(
      runtime.collectDeps(),
      { accountId: account.id, roleArn: account.role_arn, externalId: account.external_id, regions: account.regions },
      payload.trigger,
    );
    log(`collect-account: ${account.id} ${summary.status}${summary.error ? ` (${summary.error})` : ""}`);
    await enqueue("score-account", { accountId: account.id }, { jobKey: `score:${account.id}`, maxAttempts: 3 });
  },
});
