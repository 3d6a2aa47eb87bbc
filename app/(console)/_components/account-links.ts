/** Links into an account's drill-down pages (its checklist items and raw records), shared by every page that points there. */

/** Path of the raw-record page; ids are URL-encoded (finding ids are ARNs with slashes). */
export function recordHref(accountId: string, kind: "finding" | "event" | "trail", id: string): string {
  return `/accounts/${accountId}/records/${kind}/${encodeURIComponent(id)}`;
}

export function itemHref(accountId: string, itemId: string): string {
  return `/accounts/${accountId}/items/${encodeURIComponent(itemId)}`;
}
