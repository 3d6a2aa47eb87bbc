import "server-only";
import http from "node:http";
import https from "node:https";
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
  /**
   * Keep-alive connection pools shared by every SDK client of the process: all accounts
   * call the same regional endpoint of a service, so a connection (and its TLS handshake)
   * is reused across accounts and steps instead of opened per client.
   */
  agents?: SharedAgents;
}

export interface SharedAgents {
  http: http.Agent;
  https: https.Agent;
}

export function createSharedAgents(maxSockets = 256): SharedAgents {
  return {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };
}

/**
 * SDK request handler options. Clients built with shared agents must not be destroy()ed:
 * that would close the shared pools (the clients themselves are garbage-collected).
 * Timeouts make a hung connection fail and retry instead of stalling a collection.
 */
export function requestHandlerOptions(context: AwsContext) {
  return {
    connectionTimeout: 10_000,
    requestTimeout: 60_000,
    ...(context.agents ? { httpAgent: context.agents.http, httpsAgent: context.agents.https } : {}),
  };
}

/** Common SDK client options for one account/region. */
export function clientConfig(context: AwsContext, region: string, credentials: AwsCredentialIdentityProvider) {
  return {
    region,
    credentials,
    maxAttempts: context.maxAttempts,
    retryMode: "adaptive" as const,
    requestHandler: requestHandlerOptions(context),
    ...(context.endpoint ? { endpoint: context.endpoint } : {}),
  };
}
