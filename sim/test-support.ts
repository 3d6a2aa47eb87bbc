import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { SimAccount, Simulator } from "./index";

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Helpers shared by the simulator's own tests: real SDK clients pointed at the simulator. */

export function clientConfig(sim: Simulator, region: string, credentials: TestCredentials, maxAttempts?: number) {
  return { endpoint: sim.url, region, credentials, ...(maxAttempts ? { maxAttempts } : {}) };
}

export async function assumeAccount(sim: Simulator, account: SimAccount, region = "us-east-1"): Promise<TestCredentials> {
  const sts = new STSClient(clientConfig(sim, region, sim.baseCredentials));
  const result = await sts.send(
    new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "parapet-test", ExternalId: account.externalId }),
  );
  const c = result.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error("AssumeRole returned no credentials");
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

export function accountWith(sim: Simulator, predicate: (a: SimAccount) => boolean): SimAccount {
  const account = sim.org.accounts.find(predicate);
  if (!account) throw new Error("no simulated account matches the predicate");
  return account;
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

export async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name ?? "Error", status: e.$metadata?.httpStatusCode, message: e.message ?? "" };
  }
  throw new Error("expected the call to fail");
}
