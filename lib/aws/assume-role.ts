import "server-only";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { type AwsContext, requestHandlerOptions } from "@/lib/aws/context";

/** Refresh assumed credentials this long before they expire, so no call is made with a dying key. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** One hour: the most a chained role session may last (API_FACTS: role chaining limits the session to 1 h). */
const SESSION_SECONDS = 3600;

export interface RoleTarget {
  accountId: string;
  roleArn: string;
  externalId: string | null;
}

/**
 * Assumed-role credentials per account, cached until shortly before expiry and refreshed
 * on demand: every SDK client of an account shares one provider, so a 500-account sweep
 * calls AssumeRole once per account per hour, not once per client or per region.
 */
export class AssumedRoleCache {
  private readonly entries = new Map<string, { credentials?: AwsCredentialIdentity; pending?: Promise<AwsCredentialIdentity> }>();
  private readonly sts: STSClient;

  constructor(
    private readonly context: AwsContext,
    private readonly now: () => number = Date.now,
  ) {
    this.sts = new STSClient({
      region: context.baseRegion,
      maxAttempts: context.maxAttempts,
      retryMode: "adaptive",
      requestHandler: requestHandlerOptions(context),
      ...(context.endpoint ? { endpoint: context.endpoint } : {}),
      ...(context.baseCredentials ? { credentials: context.baseCredentials } : {}),
    });
  }

  /** A credential provider for the account's role; SDK clients call it before each request. */
  providerFor(target: RoleTarget): AwsCredentialIdentityProvider {
    return () => this.get(target);
  }

  /** Drops the cached session (e.g. after ExpiredToken mid-pagination) so the next call re-assumes. */
  invalidate(target: RoleTarget): void {
    this.entries.delete(this.key(target));
  }

  async get(target: RoleTarget): Promise<AwsCredentialIdentity> {
    const key = this.key(target);
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    const expiresAt = entry.credentials?.expiration?.getTime() ?? 0;
    if (entry.credentials && expiresAt - REFRESH_MARGIN_MS > this.now()) return entry.credentials;
    entry.pending ??= this.assume(target).finally(() => {
      entry.pending = undefined;
    });
    entry.credentials = await entry.pending;
    return entry.credentials;
  }

  /** Releases the STS client (its connections, unless they belong to the shared agents). */
  destroy(): void {
    if (!this.context.agents) this.sts.destroy();
  }

  private key(target: RoleTarget): string {
    return `${target.roleArn}|${target.externalId ?? ""}`;
  }

  private async assume(target: RoleTarget): Promise<AwsCredentialIdentity> {
    const output = await this.sts.send(
      new AssumeRoleCommand({
        RoleArn: target.roleArn,
        RoleSessionName: `${this.context.sessionName}-${target.accountId}`.slice(0, 64),
        DurationSeconds: SESSION_SECONDS,
        ...(target.externalId ? { ExternalId: target.externalId } : {}),
      }),
    );
    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw new Error(`AssumeRole into ${target.roleArn} returned no credentials`);
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
  }
}
