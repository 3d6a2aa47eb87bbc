import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { isAccountId } from "@/lib/aws/account-id";
import { EVIDENCE_RECORD_KINDS, type EvidenceRecordKind, getEvidenceRecord } from "@/lib/data/checklist/get-evidence-record";
import { isAppError } from "@/lib/errors";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";

export const dynamic = "force-dynamic";

const KIND_TITLES: Record<EvidenceRecordKind, string> = { finding: "Finding", event: "CloudTrail event", trail: "Trail" };

/** Next.js hands dynamic segments over still percent-encoded in some cases; decode once, tolerating ids with a literal %. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function RawRecordPage({ params }: { params: Promise<{ accountId: string; kind: string; recordId: string }> }) {
  const { accountId, kind, recordId } = await params;
  if (!isAccountId(accountId) || !EVIDENCE_RECORD_KINDS.includes(kind as EvidenceRecordKind)) notFound();
  const id = decodeSegment(recordId);
  // No stored record id holds a NUL or another control character (PostgreSQL refuses NUL in text: it was a 500).
  if (id.length > 2048 || hasControlCharacter(id)) notFound();
  const user = await requirePageUser();
  const record = await getEvidenceRecord(user, accountId, kind as EvidenceRecordKind, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });

  return (
    <>
      <div className="crumbs">
        <Link href="/">Overview</Link> / <Link href={`/accounts/${accountId}`}>{record.accountName}</Link> / {KIND_TITLES[record.kind]}
      </div>
      <h1>{record.title}</h1>
      <section className="panel">
        <h2>Normalised fields</h2>
        <dl className="facts" data-testid="record-fields">
          {record.fields.map((field) => (
            <div key={field.label} style={{ display: "contents" }}>
              <dt>{field.label}</dt>
              <dd className={field.label.endsWith("id") || field.label.endsWith("ARN") ? "mono" : undefined}>
                {field.value ?? <span className="muted">—</span>}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel">
        <h2>Raw record, as AWS returned it</h2>
        <pre className="raw-json" data-testid="raw-json">
          {JSON.stringify(record.raw, null, 2)}
        </pre>
      </section>
    </>
  );
}
