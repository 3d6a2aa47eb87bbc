/**
 * The scope part of the user forms, on its own so tag and OU scopes can join it: "all
 * accounts" or a list of account ids. Posts `allAccounts=on` and `accountIds` (repeated).
 * Admins see every account whatever is chosen here.
 */
export function UserScopeFields({
  accounts,
  allAccounts,
  accountIds,
  idPrefix,
}: {
  accounts: Array<{ id: string; name: string }>;
  allAccounts: boolean;
  accountIds: string[];
  idPrefix: string;
}) {
  return (
    <fieldset className="scope-fields">
      <legend>Accounts this user sees</legend>
      <label className="checkbox">
        <input type="checkbox" name="allAccounts" defaultChecked={allAccounts} /> All accounts (admins always see all)
      </label>
      <label htmlFor={`${idPrefix}-accounts`}>Or only these accounts</label>
      <select
        id={`${idPrefix}-accounts`}
        name="accountIds"
        multiple
        size={Math.min(8, Math.max(3, accounts.length))}
        defaultValue={accountIds}
      >
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name} ({account.id})
          </option>
        ))}
      </select>
    </fieldset>
  );
}
