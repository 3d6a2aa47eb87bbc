import { GetCallerIdentityCommand, STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { SecurityHubClient, DescribeHubCommand } from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type Simulator } from "./index";
import { assumeAccount, clientConfig, errorOf } from "./test-support";

let sim: Simulator;
const region = "us-east-1";

beforeAll(async () => {
  sim = await startSimulator({ port: 0, quotas: false, now: new Date("2026-11-01T12:00:00Z") });
});
afterAll(async () => {
  await sim.close();
});

describe("STS and SigV4", () => {
  test("base credentials are the management account's principal", async () => {
    const sts = new STSClient(clientConfig(sim, region, sim.baseCredentials));
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(sim.org.managementAccountId);
    expect(who.Arn).toMatch(/^arn:aws:iam::\d{12}:user\//);
  });

  test("AssumeRole into every org account attributes calls to that account", async () => {
    for (const account of sim.org.accounts) {
      const creds = await assumeAccount(sim, account);
      expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(creds.expiration).toBeInstanceOf(Date);
      const who = await new STSClient(clientConfig(sim, region, creds)).send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe(account.id);
      expect(who.Arn).toBe(`arn:aws:sts::${account.id}:assumed-role/ParapetReadOnly/parapet-test`);
    }
  });

  test("session expiry is sim now + DurationSeconds", async () => {
    const account = sim.org.accounts[1]!;
    const sts = new STSClient(clientConfig(sim, region, sim.baseCredentials));
    const before = sim.now().getTime();
    const result = await sts.send(
      new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "s1", ExternalId: account.externalId, DurationSeconds: 900 }),
    );
    const expiration = result.Credentials?.Expiration?.getTime() ?? 0;
    expect(expiration).toBeGreaterThanOrEqual(before + 900_000 - 1000);
    expect(expiration).toBeLessThanOrEqual(sim.now().getTime() + 900_000);
  });

  test("a wrong ExternalId is AccessDenied (403) with AWS's message", async () => {
    const account = sim.org.accounts[2]!;
    const sts = new STSClient(clientConfig(sim, region, sim.baseCredentials));
    const error = await errorOf(
      sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "x1", ExternalId: "wrong-id" })),
    );
    expect(error.name).toBe("AccessDenied");
    expect(error.status).toBe(403);
    expect(error.message).toContain(`is not authorized to perform: sts:AssumeRole on resource: ${account.roleArn}`);
  });

  test("a role outside the org is AccessDenied", async () => {
    const sts = new STSClient(clientConfig(sim, region, sim.baseCredentials));
    const error = await errorOf(
      sts.send(
        new AssumeRoleCommand({ RoleArn: "arn:aws:iam::111122223333:role/ParapetReadOnly", RoleSessionName: "x1", ExternalId: "abc-123" }),
      ),
    );
    expect(error.name).toBe("AccessDenied");
  });

  test("unsigned requests get 403 in each protocol", async () => {
    const sts = await fetch(`${sim.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(sts.status).toBe(403);
    expect(await sts.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    const sh = await fetch(`${sim.url}/findings`, { method: "POST", body: "{}" });
    expect(sh.status).toBe(403);
    expect(sh.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    const ct = await fetch(`${sim.url}/`, {
      method: "POST",
      headers: {
        "x-amz-target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails",
        "content-type": "application/x-amz-json-1.1",
      },
      body: "{}",
    });
    expect(ct.status).toBe(403);
    expect(((await ct.json()) as { __type: string }).__type).toBe("MissingAuthenticationTokenException");
  });

  test("an unknown access key is rejected per protocol", async () => {
    const bogus = { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "nope" };
    const sts = await errorOf(new STSClient(clientConfig(sim, region, bogus, 1)).send(new GetCallerIdentityCommand({})));
    expect(sts.name).toBe("InvalidClientTokenId");
    const gd = await errorOf(new GuardDutyClient(clientConfig(sim, region, bogus, 1)).send(new ListDetectorsCommand({})));
    expect(gd.name).toBe("UnrecognizedClientException");
    const ct = await errorOf(new CloudTrailClient(clientConfig(sim, region, bogus, 1)).send(new DescribeTrailsCommand({})));
    expect(ct.name).toBe("UnrecognizedClientException");
  });

  test("a wrong secret fails the signature check", async () => {
    const wrong = { accessKeyId: sim.baseCredentials.accessKeyId, secretAccessKey: "x".repeat(40) };
    const sts = await errorOf(new STSClient(clientConfig(sim, region, wrong, 1)).send(new GetCallerIdentityCommand({})));
    expect(sts.name).toBe("SignatureDoesNotMatch");
    expect(sts.status).toBe(403);
    const sh = await errorOf(new SecurityHubClient(clientConfig(sim, region, wrong, 1)).send(new DescribeHubCommand({})));
    expect(sh.name).toBe("InvalidSignatureException");
  });

  test("session credentials expire on the simulated clock", async () => {
    const account = sim.org.accounts[3]!;
    const sts = new STSClient(clientConfig(sim, region, sim.baseCredentials));
    const result = await sts.send(
      new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "short", ExternalId: account.externalId, DurationSeconds: 900 }),
    );
    const creds = {
      accessKeyId: result.Credentials!.AccessKeyId!,
      secretAccessKey: result.Credentials!.SecretAccessKey!,
      sessionToken: result.Credentials!.SessionToken!,
    };
    await new GuardDutyClient(clientConfig(sim, region, creds)).send(new ListDetectorsCommand({}));
    sim.advanceTime(16 * 60_000);
    const gd = await errorOf(new GuardDutyClient(clientConfig(sim, region, creds, 1)).send(new ListDetectorsCommand({})));
    expect(gd.name).toBe("ExpiredTokenException");
    const st = await errorOf(new STSClient(clientConfig(sim, region, creds, 1)).send(new GetCallerIdentityCommand({})));
    expect(st.name).toBe("ExpiredTokenException");
  });
});
