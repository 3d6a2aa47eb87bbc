"use client";

import { useState, useTransition } from "react";
import {
  collectNowAction,
  setAccountEnabledAction,
  testAccountConnectionAction,
  type ActionResult,
  type TestConnectionResult,
} from "../actions";
import { ConnectionReport } from "./connection-report";

/** Per-account buttons: test connection and collect now (admins, analysts), edit and disable/enable (admins). */
export function AccountRowActions({
  accountId,
  isDisabled,
  hasRole,
  canOperate,
  canManage,
}: {
  accountId: string;
  isDisabled: boolean;
  hasRole: boolean;
  canOperate: boolean;
  canManage: boolean;
}) {
  const [result, setResult] = useState<ActionResult | null>(null);
  const [test, setTest] = useState<TestConnectionResult | null>(null);
  const [isPending, startTransition] = useTransition();
  if (!canOperate) return null;

  const run = (action: () => Promise<ActionResult>) =>
    startTransition(async () => {
      setTest(null);
      setResult(await action());
    });

  return (
    <div className="row-actions">
      <div className="buttons">
        {hasRole ? (
          <button
            type="button"
            disabled={isPending}
            // Below 1800 px the row has room for "Test" only; the name stays the whole action.
            aria-label="Test connection"
            onClick={() =>
              startTransition(async () => {
                setResult(null);
                setTest(await testAccountConnectionAction(accountId));
              })
            }
          >
            Test<span className="wide-only"> connection</span>
          </button>
        ) : null}
        {hasRole && !isDisabled ? (
          <button type="button" disabled={isPending} aria-label="Collect now" onClick={() => run(() => collectNowAction(accountId))}>
            Collect<span className="wide-only"> now</span>
          </button>
        ) : null}
        {canManage && hasRole ? (
          // A plain anchor, like the row's other links: a next/link per row is a client component
          // each (25 to 200 a page) for a prefetch nobody needs.
          <a href={`/accounts/${accountId}/edit`} className="button">
            Edit
          </a>
        ) : null}
        {canManage && hasRole ? (
          <button
            type="button"
            disabled={isPending}
            className={isDisabled ? undefined : "danger"}
            onClick={() => {
              if (!isDisabled && !window.confirm(`Disable account ${accountId}? Collection stops; its data stays.`)) return;
              run(() => setAccountEnabledAction(accountId, isDisabled));
            }}
          >
            {isDisabled ? "Enable" : "Disable"}
          </button>
        ) : null}
      </div>
      {isPending ? <div className="muted">working...</div> : null}
      {result ? (
        <div role="status" className={result.isOk ? "ok-text" : "error-text"} data-testid="row-result">
          {result.message}
        </div>
      ) : null}
      {test ? (
        <div data-testid="test-result">
          <div className={test.isOk ? "ok-text" : "error-text"} role="status">
            {test.message}
          </div>
          {test.report ? <ConnectionReport report={test.report} /> : null}
        </div>
      ) : null}
    </div>
  );
}
