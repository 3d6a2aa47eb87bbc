import type { ItemStatus } from "@/lib/checklist/types";

const LABELS: Record<ItemStatus, string> = {
  pass: "pass",
  fail: "fail",
  partial: "partial",
  not_applicable: "not applicable",
  no_data: "no data",
};

export function StatusBadge({ status, passing, total }: { status: ItemStatus; passing?: number | undefined; total?: number | undefined }) {
  return (
    <span className={`badge status-${status}`} data-testid="item-status" data-status={status}>
      {LABELS[status]}
      {status === "partial" && total !== undefined ? ` ${passing ?? 0}/${total}` : ""}
    </span>
  );
}
