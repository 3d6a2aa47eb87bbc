import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";
import { type BenchReport, formatMs, median } from "./report";

/**
 * Weakness 1 of issue 12, measured: a sign-in for an unknown e-mail (verified against the
 * dummy hash) must cost what one for a known e-mail costs, or timing tells which e-mails
 * exist. Both are timed interleaved, so load on the machine hits them alike; the budget is
 * the slower median over the faster one.
 */
export async function benchSignInTiming(options: { isQuick: boolean; log: (line: string) => void }): Promise<BenchReport> {
  const rounds = options.isQuick ? 10 : 40;
  const known = await hashPassword("the user's real password");
  const knownMs: number[] = [];
  const unknownMs: number[] = [];
  const time = async (hash: string) => {
    const started = process.hrtime.bigint();
    await verifyPassword("a wrong guess", hash);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (let round = 0; round < rounds; round++) {
    knownMs.push(await time(known));
    unknownMs.push(await time(DUMMY_PASSWORD_HASH));
  }
  const [knownMedian, unknownMedian] = [median(knownMs), median(unknownMs)];
  options.log(`sign-in timing: known ${knownMedian.toFixed(1)} ms, unknown ${unknownMedian.toFixed(1)} ms over ${rounds} rounds`);
  return {
    name: "sign-in-timing",
    lines: [
      ["known e-mail, wrong password (median)", formatMs(knownMedian)],
      ["unknown e-mail (dummy hash, median)", formatMs(unknownMedian)],
      ["rounds", String(rounds)],
    ],
    budgets: [
      {
        label: "sign-in timing: slower / faster median",
        ratio: Math.max(knownMedian, unknownMedian) / Math.min(knownMedian, unknownMedian),
        goal: 1.2,
      },
    ],
    data: { rounds, knownMs, unknownMs },
  };
}
