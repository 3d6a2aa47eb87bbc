import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * An account's change since last week's snapshot, over an account `o` with its latest
 * snapshot's scores (selectOverviewAccounts computes it once per account), as the page
 * computed it in JavaScript:
 * `Math.round((score - weekAgoScore) * 10) / 10`, null when either is missing. The scores
 * are `real`; JavaScript received them as the shortest decimal that reads back as the same
 * `real` (72.3, not 72.30000305175781), so that is what is subtracted here (`::text::float8`),
 * in double precision as JavaScript does, and rounded half up as Math.round does
 * (PostgreSQL's round of a double rounds half to even).
 */
export const WEEK_DELTA = Prisma.sql`(floor((o.score::text::float8 - o.week_ago_score::text::float8) * 10 + 0.5) / 10)`;
