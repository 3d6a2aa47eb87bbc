import "../../accounts/_components/console-controls.css";
import { requirePageUser } from "@/lib/auth";
import { findApiTokens } from "@/lib/data/tokens/find-api-tokens";
import { formatTime } from "../../_components/format";
import { revokeTokenAction } from "./actions";
import { CreateTokenForm } from "./_components/create-token-form";

export const dynamic = "force-dynamic";

/** A user's API tokens for the read-only JSON API: make one (shown once), see when each was last used, revoke. */
export default async function ApiTokensPage() {
  const user = await requirePageUser();
  const tokens = await findApiTokens(user);
  const now = Date.now();
  return (
    <div className="cp">
      <h1>API tokens</h1>
      <section className="panel">
        <p className="muted">
          A token lets a script read the JSON API (<code>/api/v1/accounts</code>, <code>/api/v1/scores</code>, <code>/api/v1/findings</code>
          ; described in <a href="/api/v1/openapi.json">openapi.json</a>) as you: with your role and your accounts, re-checked on every
          call, so a narrower scope or a disabled user applies at once. Tokens can only read. Every call is in the audit log under the
          token&apos;s name.
        </p>
        <CreateTokenForm />
      </section>
      <section className="panel">
        <h2>Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <table data-testid="api-tokens">
            <thead>
              <tr>
                <th>Name</th>
                <th>Token</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const isLive = !token.revokedAt && token.expiresAt.getTime() > now;
                return (
                  <tr key={token.id} data-token-id={token.id}>
                    <td>{token.name}</td>
                    <td className="mono small">{token.hint}...</td>
                    <td className="small">{formatTime(token.createdAt)}</td>
                    <td className="small">{formatTime(token.expiresAt)}</td>
                    <td className="small">{formatTime(token.lastUsedAt)}</td>
                    <td>
                      {token.revokedAt ? (
                        <span className="badge">revoked {formatTime(token.revokedAt)}</span>
                      ) : isLive ? (
                        <span className="badge ok">live</span>
                      ) : (
                        <span className="badge status-partial">expired</span>
                      )}
                    </td>
                    <td>
                      {isLive ? (
                        <form action={revokeTokenAction}>
                          <input type="hidden" name="tokenId" value={token.id} />
                          <button type="submit" className="button secondary" aria-label={`Revoke ${token.name}`}>
                            Revoke
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
