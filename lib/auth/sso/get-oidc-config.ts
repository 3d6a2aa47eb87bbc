import { getEnv } from "@/lib/env";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  groupsClaim: string;
  scopes: string;
}

/** Single sign-on settings, or null when it is not configured (all three of issuer, id and secret). */
export function getOidcConfig(): OidcConfig | null {
  const env = getEnv();
  if (!env.PARAPET_OIDC_ISSUER || !env.PARAPET_OIDC_CLIENT_ID || !env.PARAPET_OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.PARAPET_OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: env.PARAPET_OIDC_CLIENT_ID,
    clientSecret: env.PARAPET_OIDC_CLIENT_SECRET,
    name: env.PARAPET_OIDC_NAME,
    groupsClaim: env.PARAPET_OIDC_GROUPS_CLAIM,
    scopes: env.PARAPET_OIDC_SCOPES,
  };
}
