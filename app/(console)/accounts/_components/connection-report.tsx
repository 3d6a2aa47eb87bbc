import type { ConnectionReport as TConnectionReport } from "@/lib/aws/test-connection";

const STATUS_CLASS: Record<string, string> = { ok: "badge ok", warning: "badge warn", failed: "badge error", skipped: "badge" };

/** Each step of a connection test with AWS's own error code and message. */
export function ConnectionReport({ report }: { report: TConnectionReport }) {
  return (
    <ol className="conn-report" data-testid="connection-report" data-ok={report.isOk ? "true" : "false"}>
      {report.steps.map((step) => (
        <li key={step.name} className={`conn-step ${step.status}`} data-step={step.name} data-status={step.status}>
          <div className="head">
            <code>{step.name}</code>
            <span className="muted small">{step.region}</span>
            <span className={STATUS_CLASS[step.status] ?? "badge"}>{step.status}</span>
          </div>
          {step.code ? (
            <strong className="small" data-testid="step-code">
              {step.code}
            </strong>
          ) : null}
          <div className={step.status === "failed" ? "error-text" : "muted small"}>{step.message}</div>
        </li>
      ))}
    </ol>
  );
}
