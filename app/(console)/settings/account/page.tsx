import "../../accounts/_components/console-controls.css";
import { requirePageUser } from "@/lib/auth";
import { hasLocalPassword } from "@/lib/data/users/has-local-password";
import { PasswordForm } from "./_components/password-form";
import { SignOutEverywhereButton } from "./_components/sign-out-everywhere-button";

export const dynamic = "force-dynamic";

/** The signed-in user's own account: password (local accounts) and sessions. */
export default async function AccountSettingsPage() {
  const user = await requirePageUser();
  const isLocal = await hasLocalPassword(user);
  return (
    <div className="cp">
      <h1>Your account</h1>
      <p className="muted">
        {user.email} · {user.role}
      </p>
      <section className="panel">
        <h2>Password</h2>
        {isLocal ? (
          <PasswordForm />
        ) : (
          <p className="muted">You sign in with single sign-on: change your password at your identity provider.</p>
        )}
      </section>
      <section className="panel">
        <h2>Sessions</h2>
        <p className="muted">Ends your session in every browser, this one included.</p>
        <SignOutEverywhereButton />
      </section>
    </div>
  );
}
