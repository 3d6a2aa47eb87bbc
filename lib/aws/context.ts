import "server-only";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * How collectors reach AWS. Passed in explicitly (no globals) so that tests, the demo and
 * production differ only in this object: production leaves `endpoint` and
 * `baseCredentials` unset, and the SDK's own chains (env, profile/SSO, instance/task role,
 * AWS_ENDPOINT_URL*) decide.
 */
export interface AwsContext {
  /** Endpoint override for every service (the simulator). */
  endpoint?: string;
  /** Credentials used to call sts:AssumeRole. Unset: the SDK's default provider chain. */
  baseCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Region for STS and other global calls. */
  baseRegion: string;
  /** AssumeRole session name prefix; the account id is appended. */
  sessionName: string;
  /** SDK attempts per call (throttling and 5xx are retried with jittered backoff). */
  maxAttempts: number;
}

/** Common SDK client options for one account/region. */
export function clientConfig(context: AwsContext, region: string, credentials: AwsCredentialIdentityProvider) {
  return {
    region,
    credentials,
    maxAttempts: context.maxAttempts,
    retryMode: "adaptive" as const,
    ...(context.endpoint ? { endpoint: context.endpoint } : {}),
  };
}
