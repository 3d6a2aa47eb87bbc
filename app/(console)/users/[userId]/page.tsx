import "../../accounts/_components/console-controls.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { findScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { getUser } from "@/lib/data/users/get-user";
import { isAppError } from "@/lib/errors";
import { formatTime } from "../../_components/format";
import { UserManagePanel } from "../_components/user-manage-panel";

export const dynamic = "force-dynamic";

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requirePageUser();
  if (actor.role !== "admin") notFound();
  const { userId } = await params;
  const user = await getUser(actor, userId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const choices = await findScopeChoices(actor);
  return (
    <div className="cp">
      <p>
        <Link href="/users">Users</Link>
      </p>
      <h1>{user.email}</h1>
      <p className="muted">
        {user.source === "local" ? "Local account" : "Single sign-on"} · {user.disabled ? "disabled" : "active"} · last sign-in{" "}
        {formatTime(user.lastLoginAt)} · <Link href={`/audit?target=${encodeURIComponent(user.email)}`}>audit entries</Link>
      </p>
      <UserManagePanel user={user} choices={choices} isSelf={user.id === actor.id} />
    </div>
  );
}
