import type { NormalisedEvent, NormalisedFinding, NormaliseResult, RecordProblem } from "@/lib/aws/normalise/types";

/** One API page of findings, normalised. `cursor` is safe to store once this page (and all before it) is committed. */
export interface FindingsPage {
  fetched: number;
  findings: NormalisedFinding[];
  problems: RecordProblem[];
  cursor: Date | null;
}

export interface EventsPage {
  fetched: number;
  events: NormalisedEvent[];
  problems: RecordProblem[];
}

/** Normalises a page of raw records; bad ones become problems with their position, the rest carry on. */
export function normalisePage<T>(
  records: readonly unknown[],
  normalise: (record: unknown) => NormaliseResult<T>,
  where: string,
): { values: T[]; problems: RecordProblem[] } {
  const values: T[] = [];
  const problems: RecordProblem[] = [];
  records.forEach((record, index) => {
    const result = normalise(record);
    if (result.ok) values.push(result.value);
    else problems.push({ file: where, position: `[${index}]`, reason: result.reason });
  });
  return { values, problems };
}
