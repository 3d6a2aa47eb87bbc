/** Links of the account drill-down pages; the display helpers are in app/(console)/_components/format.ts. */
export { formatDelta, formatPercent, formatScore, formatTime, scoreClass } from "../../../_components/format";

/** Path of the raw-record page; ids are URL-encoded (finding ids are ARNs with slashes). */
export function recordHref(accountId: string, kind: "finding" | "event" | "trail", id: string): string {
  return `/accounts/${accountId}/records/${kind}/${encodeURIComponent(id)}`;
}

export function itemHref(accountId: string, itemId: string): string {
  return `/accounts/${accountId}/items/${encodeURIComponent(itemId)}`;
}
