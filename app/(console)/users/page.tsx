import "../accounts/_components/console-controls.css";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { countAccountsInScope } from "@/lib/data/accounts/count-accounts-in-scope";
import { findScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { findUsers } from "@/lib/data/users/find-users";
import { accountScopeOf } from "@/lib/data/users/user-access";
import { CreateUserForm } from "./_components/create-user-form";
import { UsersTable } from "./_components/users-table";

export const dynamic = "force-dynamic";

/** Console users (admins): who they are, what they may see, how they sign in. */
export default async function UsersPage() {
  const user = await requirePageUser();
  if (user.role !== "admin") notFound();
  const [users, choices] = await Promise.all([findUsers(user), findScopeChoices(user)]);
  // How many accounts each scope matches now, through the scope helper: a scope that matches
  // none is allowed (an empty console) but shown with a warning.
  const matches = new Map(
    await Promise.all(users.map(async (row) => [row.id, (await countAccountsInScope(user, accountScopeOf(row), 0)).count] as const)),
  );
  return (
    <div className="cp">
      <h1>Users</h1>
      <section className="panel">
        <UsersTable users={users} matches={matches} />
      </section>
      <section className="panel">
        <h2>Create a local user</h2>
        <p className="muted">Single sign-on users are created when they first sign in, from the group mappings.</p>
        <CreateUserForm choices={choices} />
      </section>
    </div>
  );
}
