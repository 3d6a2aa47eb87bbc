"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import {
  createAccountAction,
  testConnectionFormAction,
  updateAccountAction,
  type ActionResult,
  type FieldErrors,
  type TestConnectionResult,
} from "../actions";
import { ConnectionReport } from "./connection-report";

export interface OnboardInitialValues {
  id?: string;
  name?: string;
  roleArn?: string;
  regions?: string[];
  owner?: string;
}

const COMMON_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "eu-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-south-1",
  "sa-east-1",
];

function FieldError({ errors, field }: { errors: FieldErrors | undefined; field: keyof FieldErrors }) {
  const messages = errors?.[field];
  if (!messages || messages.length === 0) return null;
  return (
    <div className="field-error" id={`${field}-error`} data-testid={`field-error-${field}`}>
      {messages.join("; ")}
    </div>
  );
}

/**
 * Onboarding by role ARN and ExternalId, with field-level errors from the server's zod
 * schema and a "Test connection" that tries the typed values before anything is saved.
 * `mode="edit"` edits a registered account: the id is fixed, and a blank ExternalId
 * keeps the stored one (which the console never shows back).
 */
export function OnboardAccountForm({
  initial,
  defaultRegions,
  onDone,
  mode = "create",
}: {
  initial?: OnboardInitialValues;
  defaultRegions: string[];
  onDone?: () => void;
  mode?: "create" | "edit";
}) {
  const isEdit = mode === "edit";
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [test, setTest] = useState<TestConnectionResult | null>(null);
  const [isSaving, startSaving] = useTransition();
  const [isTesting, startTesting] = useTransition();
  const fieldErrors = result?.fieldErrors ?? test?.fieldErrors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "test") {
      setResult(null);
      startTesting(async () => setTest(await testConnectionFormAction(data)));
      return;
    }
    setTest(null);
    startSaving(async () => {
      const outcome = isEdit ? await updateAccountAction(data) : await createAccountAction(data);
      setResult(outcome);
      if (outcome.isOk) {
        if (isEdit) {
          // The stored ExternalId is never shown back, not even the one just typed.
          const externalId = form.elements.namedItem("externalId");
          if (externalId instanceof HTMLInputElement) externalId.value = "";
          router.refresh();
        } else form.reset();
        onDone?.();
      }
    });
  }

  const inputProps = (field: keyof FieldErrors) => ({
    id: `onboard-${field}-${initial?.id ?? "new"}`,
    name: field,
    "aria-invalid": fieldErrors?.[field] ? true : undefined,
    "aria-describedby": fieldErrors?.[field] ? `${field}-error` : undefined,
  });

  return (
    <form
      className="form-grid"
      onSubmit={onSubmit}
      aria-label={isEdit ? "Edit the account" : "Add an account"}
      noValidate
      data-testid={isEdit ? "edit-form" : "onboard-form"}
    >
      {isEdit ? <input type="hidden" name="mode" value="edit" /> : null}
      <div>
        <label htmlFor={inputProps("id").id}>Account id</label>
        <input
          {...inputProps("id")}
          defaultValue={initial?.id}
          readOnly={isEdit}
          inputMode="numeric"
          placeholder="123456789012"
          autoComplete="off"
        />
        <FieldError errors={fieldErrors} field="id" />
      </div>
      <div>
        <label htmlFor={inputProps("name").id}>Name</label>
        <input {...inputProps("name")} defaultValue={initial?.name} placeholder="prod-payments" autoComplete="off" />
        <FieldError errors={fieldErrors} field="name" />
      </div>
      <div className="wide">
        <label htmlFor={inputProps("roleArn").id}>Role ARN</label>
        <input
          {...inputProps("roleArn")}
          defaultValue={initial?.roleArn}
          placeholder="arn:aws:iam::123456789012:role/ParapetReadOnly"
          autoComplete="off"
        />
        <FieldError errors={fieldErrors} field="roleArn" />
      </div>
      <div className="wide">
        <label htmlFor={inputProps("externalId").id}>ExternalId</label>
        <input
          {...inputProps("externalId")}
          placeholder={isEdit ? "leave blank to keep the current ExternalId" : "2-1224 characters: letters, digits and _+=,.@:/-"}
          autoComplete="off"
        />
        <FieldError errors={fieldErrors} field="externalId" />
      </div>
      <div>
        <label htmlFor={inputProps("regions").id}>Regions</label>
        <input
          {...inputProps("regions")}
          defaultValue={(initial?.regions ?? defaultRegions).join(", ")}
          list="aws-regions"
          placeholder="us-east-1, eu-west-1"
          autoComplete="off"
        />
        <datalist id="aws-regions">
          {COMMON_REGIONS.map((region) => (
            <option key={region} value={region} />
          ))}
        </datalist>
        <FieldError errors={fieldErrors} field="regions" />
      </div>
      <div>
        <label htmlFor={inputProps("owner").id}>Owner</label>
        <input {...inputProps("owner")} defaultValue={initial?.owner} placeholder="team or email" autoComplete="off" />
        <FieldError errors={fieldErrors} field="owner" />
      </div>
      <div className="wide actions">
        <button type="submit" value="save" className="primary" disabled={isSaving || isTesting}>
          {isEdit ? (isSaving ? "Saving..." : "Save changes") : isSaving ? "Adding..." : "Add account"}
        </button>
        <button type="submit" value="test" disabled={isSaving || isTesting}>
          {isTesting ? "Testing..." : "Test connection"}
        </button>
        {result ? (
          <span role="status" className={result.isOk ? "ok-text" : "error-text"} data-testid="onboard-result">
            {result.message}
          </span>
        ) : null}
        {test && !test.report ? (
          <span role="status" className="error-text" data-testid="test-result">
            {test.message}
          </span>
        ) : null}
      </div>
      {test?.report ? (
        <div className="wide" data-testid="test-result">
          <div className={test.isOk ? "ok-text" : "error-text"}>{test.message}</div>
          <ConnectionReport report={test.report} />
        </div>
      ) : null}
    </form>
  );
}
