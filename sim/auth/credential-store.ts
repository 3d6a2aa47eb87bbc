import { stableHex } from "../prng";
import type { SimCredentials } from "../types";

/** Who a request is attributed to once its signature checks out. */
export interface Principal {
  accountId: string;
  arn: string;
  userId: string;
  kind: "base" | "session";
  accessKeyId: string;
}

interface SessionRecord {
  secretAccessKey: string;
  sessionToken: string;
  expiresAtMs: number;
  accountId: string;
  roleArn: string;
  sessionName: string;
  roleId: string;
  /** Forced expiry by the `expire-credentials` fault. */
  revoked: boolean;
}

export type CredentialLookup =
  { status: "ok"; secretAccessKey: string; principal: Principal } | { status: "unknown" } | { status: "expired" };

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function keyFromHex(prefix: string, hex: string): string {
  let out = prefix;
  for (let i = 0; out.length < 20; i += 2) {
    out += KEY_ALPHABET[parseInt(hex.slice(i, i + 2), 16) % KEY_ALPHABET.length];
  }
  return out;
}

export class CredentialStore {
  readonly base: SimCredentials;
  private readonly baseAccountId: string;
  private readonly sessions = new Map<string, SessionRecord>();
  private issued = 0;
  private readonly seed: string;

  constructor(seed: string, managementAccountId: string) {
    this.seed = seed;
    this.baseAccountId = managementAccountId;
    this.base = {
      accessKeyId: keyFromHex("AKIA", stableHex(`${seed}:base-key`, 40)),
      secretAccessKey: stableHex(`${seed}:base-secret`, 40),
    };
  }

  get baseArn(): string {
    return `arn:aws:iam::${this.baseAccountId}:user/parapet-sim`;
  }

  lookup(accessKeyId: string, sessionToken: string | undefined, nowMs: number): CredentialLookup {
    if (accessKeyId === this.base.accessKeyId) {
      return {
        status: "ok",
        secretAccessKey: this.base.secretAccessKey,
        principal: {
          accountId: this.baseAccountId,
          arn: this.baseArn,
          userId: `AIDA${this.base.accessKeyId.slice(4)}`,
          kind: "base",
          accessKeyId,
        },
      };
    }
    const session = this.sessions.get(accessKeyId);
    if (!session || session.sessionToken !== sessionToken) return { status: "unknown" };
    if (session.revoked || nowMs >= session.expiresAtMs) return { status: "expired" };
    const roleName = session.roleArn.split("/").pop() ?? "role";
    return {
      status: "ok",
      secretAccessKey: session.secretAccessKey,
      principal: {
        accountId: session.accountId,
        arn: `arn:aws:sts::${session.accountId}:assumed-role/${roleName}/${session.sessionName}`,
        userId: `${session.roleId}:${session.sessionName}`,
        kind: "session",
        accessKeyId,
      },
    };
  }

  issueSession(input: { accountId: string; roleArn: string; sessionName: string; nowMs: number; durationSeconds: number }): {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    expiration: Date;
    roleId: string;
  } {
    this.issued += 1;
    const material = stableHex(`${this.seed}:session:${this.issued}:${input.roleArn}:${input.nowMs}`, 120);
    const accessKeyId = keyFromHex("ASIA", material.slice(0, 40));
    const secretAccessKey = material.slice(40, 80);
    const sessionToken = `FwoGZXIvYXdzE${Buffer.from(material.slice(80) + input.sessionName).toString("base64")}`;
    const roleId = keyFromHex("AROA", stableHex(`${this.seed}:role:${input.roleArn}`, 40));
    const expiresAtMs = input.nowMs + input.durationSeconds * 1000;
    this.sessions.set(accessKeyId, {
      secretAccessKey,
      sessionToken,
      expiresAtMs,
      accountId: input.accountId,
      roleArn: input.roleArn,
      sessionName: input.sessionName,
      roleId,
      revoked: false,
    });
    return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiresAtMs), roleId };
  }

  /** Expires one session (the `expire-credentials` fault), so the caller must re-assume. */
  revoke(accessKeyId: string): void {
    const session = this.sessions.get(accessKeyId);
    if (session) session.revoked = true;
  }
}
