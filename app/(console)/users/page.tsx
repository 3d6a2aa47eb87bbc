import "../accounts/_components/console-controls.css";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { findUsers } from "@/lib/data/users/find-users";
import { CreateUserForm } from "./_components/create-user-form";
import { UsersTable } from "./_components/users-table";

export const dynamic = "force-dynamic";

/** Console users (admins): who they are, what they may see, how they sign in. */
export default async function UsersPage() {
  const user = await requirePageUser();
  if (user.role !== "admin") notFound();
  const [users, accounts] = await Promise.all([findUsers(user), findAccounts(user)]);
  const options = accounts.filter((account) => account.status !== "data_only").map((account) => ({ id: account.id, name: account.name }));
  return (
    <div className="cp">
      <h1>Users</h1>
      <section className="panel">
        <UsersTable users={users} />
      </section>
      <section className="panel">
        <h2>Create a local user</h2>
        <p className="muted">Single sign-on users are created when they first sign in, from the group mappings.</p>
        <CreateUserForm accounts={options} />
      </section>
    </div>
  );
}
