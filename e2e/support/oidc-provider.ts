import type { Server } from "node:http";

/**
 * A real OpenID Connect provider (the `oidc-provider` package, as certified IdPs use) for
 * the single sign-on tests, with its development login form: any password, the login name
 * picks the account. Each account's groups are fixed here.
 */
export const OIDC_CLIENT_ID = "parapet-e2e";
export const OIDC_CLIENT_SECRET = "e2e-client-secret-not-secret-at-all";
export const IDP_NAME = "Test IdP";

/** Login name -> groups claim. */
export const IDP_ACCOUNTS: Record<string, string[]> = {
  alice: ["parapet-analysts-prod", "everyone"],
  bob: ["everyone"],
  carol: ["parapet-tag-viewers", "everyone"],
};

export async function startOidcProvider(port: number, consoleUrl: string): Promise<{ issuer: string; close: () => Promise<void> }> {
  // oidc-provider is ESM only and Playwright compiles this file to CommonJS, which would turn
  // a plain import() into require(): a real dynamic import, made at run time.
  const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;
  const { default: Provider } = (await importEsm("oidc-provider")) as {
    default: new (issuer: string, config: object) => { listen: (port: number, host: string) => Server };
  };
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // Put the scopes' claims in the ID token, as Okta, Entra ID and Keycloak can be set to do.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@idp.example`, email_verified: true, name: id, groups: IDP_ACCOUNTS[id] ?? [] }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["e2e-oidc-cookie-key-not-secret"] },
  });
  const server = provider.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
