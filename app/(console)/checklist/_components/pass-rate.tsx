import type { ChecklistPassRate } from "@/lib/data/checklist/find-checklist-pass-rates";

/** Pass rate over the accounts where the item has data (pass + partial + fail), with a bar of every status. */
export function PassRate({ rate }: { rate: ChecklistPassRate | undefined }) {
  if (!rate) return <span className="muted small">not evaluated</span>;
  const { pass, partial, fail, no_data: noData, not_applicable: notApplicable } = rate.counts;
  const withData = pass + partial + fail;
  const shown = withData + noData;
  const width = (n: number) => `${shown === 0 ? 0 : (100 * n) / shown}%`;
  return (
    <div title={`pass ${pass} · partial ${partial} · fail ${fail} · no data ${noData} · not applicable ${notApplicable}`}>
      <div className="pass-bar" aria-hidden>
        <span className="pass" style={{ width: width(pass) }} />
        <span className="partial" style={{ width: width(partial) }} />
        <span className="fail" style={{ width: width(fail) }} />
        <span className="no_data" style={{ width: width(noData) }} />
      </div>
      <div className="small muted" style={{ marginTop: 3 }}>
        {withData === 0 ? "no data" : `${pass}/${withData} pass`}
        {partial > 0 ? ` · ${partial} partial` : ""}
        {noData > 0 ? ` · ${noData} no data` : ""}
        {notApplicable > 0 ? ` · ${notApplicable} n/a` : ""}
        {rate.accepted > 0 ? ` · ${rate.accepted} accepted` : ""}
      </div>
    </div>
  );
}
