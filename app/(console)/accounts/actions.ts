"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireApiUser, type SessionUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { ZAccountId } from "@/lib/aws/account-id";
import type { AwsContext } from "@/lib/aws/context";
import { discoverAccounts } from "@/lib/aws/discover-accounts";
import { testConnection, type ConnectionReport } from "@/lib/aws/test-connection";
import { createAccount } from "@/lib/data/accounts/create-account";
import { findRegisteredAccountIds } from "@/lib/data/accounts/find-registered-account-ids";
import { getAccountConnection } from "@/lib/data/accounts/get-account-connection";
import { isRoleInAccount, ZAccountInput } from "@/lib/data/accounts/register-accounts";
import { updateAccount, type ChangedField } from "@/lib/data/accounts/update-account";
import { updateAccountPlacements } from "@/lib/data/accounts/update-account-placements";
import { upsertOrganizationalUnits } from "@/lib/data/accounts/upsert-organizational-units";
import { updateAccountStatus } from "@/lib/data/accounts/update-account-status";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { queueAccountCollection } from "@/lib/data/runs/queue-account-collection";
import { getEnv } from "@/lib/env";
import { describeError, isAppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

export type FieldErrors = Partial<Record<"id" | "name" | "roleArn" | "externalId" | "regions" | "owner", string[]>>;

export interface ActionResult {
  isOk: boolean;
  message: string;
  fieldErrors?: FieldErrors;
}

export interface TestConnectionResult extends ActionResult {
  report?: ConnectionReport;
}

export interface DiscoveryProposal {
  id: string;
  name: string;
  email: string | null;
  status: string;
  suggestedRoleArn: string;
  regions: string[];
}

export interface DiscoverAccountsResult extends ActionResult {
  proposals?: DiscoveryProposal[];
  /** Accounts of the organisation that are already registered. */
  registeredCount?: number;
}

/** Regions typed as a comma, space or newline separated list, or picked in a multi-select. */
const ZRegionList = z.preprocess(
  (value) => [...new Set((Array.isArray(value) ? value : [value]).flatMap((item) => String(item ?? "").split(/[\s,]+/)).filter(Boolean))],
  ZAccountInput.shape.regions,
);

const ZOnboardFields = ZAccountInput.extend({
  id: z.string().trim().pipe(ZAccountId),
  name: z.string().trim().min(1, "give the account a name").max(200, "at most 200 characters"),
  roleArn: z.string().trim().pipe(ZAccountInput.shape.roleArn),
  externalId: z.string().trim().pipe(ZAccountInput.shape.externalId),
  regions: ZRegionList,
  owner: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), ZAccountInput.shape.owner),
});

/** The role must live in the account it collects: a role elsewhere would file data under the wrong id. */
function requireRoleInAccount(input: { id: string; roleArn: string }, ctx: z.RefinementCtx) {
  if (!isRoleInAccount(input.id, input.roleArn)) {
    ctx.addIssue({
      code: "custom",
      path: ["roleArn"],
      message: `the role must be in account ${input.id} (arn:aws:iam::${input.id}:role/...)`,
    });
  }
}

const ZOnboardForm = ZOnboardFields.superRefine(requireRoleInAccount);

const ZConnectionForm = ZOnboardFields.pick({ id: true, roleArn: true, externalId: true, regions: true });

/** The edit form: the id is fixed, and a blank ExternalId keeps the stored one. */
const ZEditFields = ZOnboardFields.extend({
  externalId: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    ZOnboardFields.shape.externalId.nullable(),
  ),
});
const ZEditForm = ZEditFields.superRefine(requireRoleInAccount);
const ZEditConnectionForm = ZEditFields.pick({ id: true, roleArn: true, externalId: true, regions: true });

const FIELD_LABELS: Record<ChangedField, string> = {
  name: "name",
  roleArn: "role ARN",
  externalId: "ExternalId",
  regions: "regions",
  owner: "owner",
};

function formValues(formData: FormData) {
  return {
    id: formData.get("id") ?? "",
    name: formData.get("name") ?? "",
    roleArn: formData.get("roleArn") ?? "",
    externalId: formData.get("externalId") ?? "",
    regions: formData.getAll("regions"),
    owner: formData.get("owner") ?? "",
  };
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** An expected failure becomes a message; anything else is a bug and is thrown on. */
function failure(error: unknown): ActionResult {
  if (isAppError(error)) {
    const details = error.details as { fieldErrors?: FieldErrors } | undefined;
    return { isOk: false, message: error.message, ...(details?.fieldErrors ? { fieldErrors: details.fieldErrors } : {}) };
  }
  throw error;
}

/** The console's own AWS calls use the same settings as the worker: SDK credential chain, AWS_REGION, AWS_ENDPOINT_URL. */
function consoleAwsContext(): AwsContext {
  const env = getEnv();
  return {
    baseRegion: env.AWS_REGION,
    sessionName: `${env.PARAPET_ROLE_SESSION_NAME}-console`.slice(0, 40),
    maxAttempts: 3,
    ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}),
  };
}

export async function createAccountAction(formData: FormData): Promise<ActionResult> {
  const parsed = ZOnboardForm.safeParse(formValues(formData));
  if (!parsed.success) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  const user = await requireApiUser();
  try {
    const created = await createAccount(user, { ...parsed.data, tags: {} });
    revalidatePath("/accounts");
    revalidatePath("/");
    return {
      isOk: true,
      message: `Account ${created.id} ${created.isPromoted ? "now has a role" : "added"}: use "Collect now" or wait for the next sweep.`,
    };
  } catch (error) {
    return failure(error);
  }
}

async function runConnectionTest(
  user: SessionUser,
  target: { accountId: string; roleArn: string; externalId: string | null; regions: string[] },
  isRegistered: boolean,
): Promise<TestConnectionResult> {
  const report = await testConnection(consoleAwsContext(), target);
  const failed = report.steps.find((step) => step.status === "failed");
  await createAuditEntry({
    actorEmail: user.email,
    action: "account.test-connection",
    ip: await getActionIp(),
    target: target.accountId,
    detail: {
      roleArn: target.roleArn,
      isRegistered,
      isOk: report.isOk,
      ...(failed ? { failedStep: failed.name, errorCode: failed.code } : {}),
    },
  });
  return {
    isOk: report.isOk,
    message: report.isOk ? `Connection to ${target.accountId} works.` : `${failed?.name ?? "A step"} failed: ${failed?.code ?? "error"}`,
    report,
  };
}

/** Tests a registered account's stored role and ExternalId (admins and analysts, in scope). */
export async function testAccountConnectionAction(accountId: string): Promise<TestConnectionResult> {
  const id = ZAccountId.safeParse(accountId);
  if (!id.success) return { isOk: false, message: "not an account id" };
  const user = await requireApiUser();
  if (user.role === "viewer") return { isOk: false, message: "only admins and analysts can test connections" };
  try {
    const connection = await getAccountConnection(user, id.data);
    return await runConnectionTest(user, connection, true);
  } catch (error) {
    return failure(error);
  }
}

/**
 * Tests the values typed in the onboarding or edit form before they are saved (admins).
 * In the edit form (`mode=edit`) a blank ExternalId means the stored one.
 */
export async function testConnectionFormAction(formData: FormData): Promise<TestConnectionResult> {
  const isEdit = formData.get("mode") === "edit";
  const parsed = (isEdit ? ZEditConnectionForm : ZConnectionForm).safeParse(formValues(formData));
  if (!parsed.success)
    return { isOk: false, message: "Fix the highlighted fields before testing.", fieldErrors: fieldErrorsOf(parsed.error) };
  if (!isRoleInAccount(parsed.data.id, parsed.data.roleArn)) {
    return {
      isOk: false,
      message: "Fix the highlighted fields before testing.",
      fieldErrors: { roleArn: [`the role must be in account ${parsed.data.id}`] },
    };
  }
  const user = await requireApiUser();
  if (!canManageAccounts(user)) return { isOk: false, message: "only admins can test a new account" };
  let externalId = parsed.data.externalId;
  if (externalId === null) {
    try {
      externalId = (await getAccountConnection(user, parsed.data.id)).externalId;
    } catch (error) {
      return failure(error);
    }
  }
  return runConnectionTest(
    user,
    { accountId: parsed.data.id, roleArn: parsed.data.roleArn, externalId, regions: parsed.data.regions },
    isEdit,
  );
}

/** Saves the edit form of a registered account (admins). */
export async function updateAccountAction(formData: FormData): Promise<ActionResult> {
  const parsed = ZEditForm.safeParse(formValues(formData));
  if (!parsed.success) return { isOk: false, message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  const user = await requireApiUser();
  const { id, ...changes } = parsed.data;
  try {
    const { changed } = await updateAccount(user, id, { ...changes, owner: changes.owner ?? null });
    revalidatePath("/accounts");
    revalidatePath(`/accounts/${id}`);
    revalidatePath("/");
    if (changed.length === 0) return { isOk: true, message: "Nothing changed." };
    const what = changed.map((field) => FIELD_LABELS[field]).join(", ");
    const proves = changed.includes("roleArn") || changed.includes("externalId") ? " The next collection uses the new role." : "";
    return { isOk: true, message: `Saved: ${what}.${proves}` };
  } catch (error) {
    return failure(error);
  }
}

export async function collectNowAction(accountId: string): Promise<ActionResult> {
  const id = ZAccountId.safeParse(accountId);
  if (!id.success) return { isOk: false, message: "not an account id" };
  const user = await requireApiUser();
  try {
    await queueAccountCollection(user, id.data);
    revalidatePath("/accounts");
    revalidatePath("/collection");
    return { isOk: true, message: "Collection queued." };
  } catch (error) {
    return failure(error);
  }
}

export async function setAccountEnabledAction(accountId: string, isEnabled: boolean): Promise<ActionResult> {
  const input = z.object({ accountId: ZAccountId, isEnabled: z.boolean() }).safeParse({ accountId, isEnabled });
  if (!input.success) return { isOk: false, message: "invalid request" };
  const user = await requireApiUser();
  try {
    await updateAccountStatus(user, input.data.accountId, input.data.isEnabled ? "enable" : "disable");
    revalidatePath("/accounts");
    revalidatePath("/");
    return { isOk: true, message: input.data.isEnabled ? "Account enabled." : "Account disabled: collection skips it." };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Lists the organisation's accounts through a registered management or delegated
 * administrator account's role and proposes the ones not registered yet, with a role ARN
 * of the same role name in each account (admins).
 */
export async function discoverAccountsAction(managementAccountId: string): Promise<DiscoverAccountsResult> {
  const id = ZAccountId.safeParse(managementAccountId);
  if (!id.success) return { isOk: false, message: "Pick a registered management or delegated administrator account." };
  const user = await requireApiUser();
  if (!canManageAccounts(user)) return { isOk: false, message: "only admins can discover accounts" };
  try {
    const source = await getAccountConnection(user, id.data);
    let discovery;
    try {
      discovery = await discoverAccounts(consoleAwsContext(), source);
    } catch (error) {
      const message = describeError(error);
      await createAuditEntry({
        actorEmail: user.email,
        action: "account.discover",
        ip: await getActionIp(),
        target: source.accountId,
        detail: { isOk: false, error: message.slice(0, 500) },
      });
      const code = (error as { name?: string }).name;
      const hint =
        code === "AccessDeniedException" || code === "AWSOrganizationsNotInUseException"
          ? " (ListAccounts works only from the management account or a delegated administrator, with organizations:ListAccounts allowed in its role)"
          : "";
      return { isOk: false, message: `organizations:ListAccounts failed: ${message}${hint}` };
    }
    const organisation = discovery.accounts;
    // OU paths and tags of the accounts Parapet knows: what scopes by OU and tag select on.
    const placed = organisation.flatMap((account) =>
      account.ouPath ? [{ id: account.id, ouPath: account.ouPath, tags: account.tags }] : [],
    );
    const placedCount = await updateAccountPlacements(placed, user.email);
    // The roots' and OUs' names: labels for the OU filter and the scope pickers (ids stay what selects).
    const namedCount = await upsertOrganizationalUnits(discovery.organizationalUnits);
    const registered = await findRegisteredAccountIds(
      user,
      organisation.map((account) => account.id),
    );
    const roleName = source.roleArn.slice(source.roleArn.indexOf(":role/") + ":role/".length);
    const partition = source.roleArn.split(":")[1] ?? "aws";
    const proposals = organisation
      .filter((account) => !registered.has(account.id))
      .map((account) => ({
        id: account.id,
        name: account.name,
        email: account.email,
        status: account.status,
        suggestedRoleArn: `arn:${partition}:iam::${account.id}:role/${roleName}`,
        regions: source.regions,
      }));
    await createAuditEntry({
      actorEmail: user.email,
      action: "account.discover",
      ip: await getActionIp(),
      target: source.accountId,
      detail: {
        isOk: true,
        found: organisation.length,
        proposed: proposals.length,
        placementsUpdated: placedCount,
        placementError: discovery.placementError,
        ouNamesUpdated: namedCount,
        namesError: discovery.namesError,
      },
    });
    if (placedCount > 0 || namedCount > 0) revalidatePath("/accounts", "layout");
    return {
      isOk: true,
      message:
        `${organisation.length} accounts in the organisation, ${proposals.length} not registered yet.` +
        (discovery.placementError ? ` OU paths and tags were not read: ${discovery.placementError}` : "") +
        (discovery.namesError ? ` OU names were not read (their ids are shown): ${discovery.namesError}` : ""),
      proposals,
      registeredCount: organisation.length - proposals.length,
    };
  } catch (error) {
    return failure(error);
  }
}
