import Link from "next/link";
import { formatTime } from "../../_components/format";
import type { UserListRow } from "@/lib/data/users/find-users";
import { describeScope } from "../_lib/describe-scope";
import { ScopeMatchCount } from "./scope-match-count";

export function UsersTable({ users, matches }: { users: UserListRow[]; matches: Map<string, number> }) {
  return (
    <table aria-label="Users">
      <thead>
        <tr>
          <th>User</th>
          <th>Role</th>
          <th>Scope</th>
          <th>Source</th>
          <th>Last sign-in</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <td>
              <Link href={`/users/${user.id}`}>{user.email}</Link>
              {user.name ? <div className="muted small">{user.name}</div> : null}
            </td>
            <td>{user.role}</td>
            <td className="small">
              {describeScope(user)}
              <ScopeMatchCount count={matches.get(user.id)} />
            </td>
            <td>{user.source === "local" ? "local" : "SSO"}</td>
            <td className="nowrap small">{formatTime(user.lastLoginAt)}</td>
            <td>{user.disabled ? <span className="badge">disabled</span> : "active"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
