"use client";

import Form from "next/form";
import { useRouter } from "next/navigation";
import { useEffect, type ComponentProps, type ReactNode } from "react";
import { formQuery } from "./form-query";

/** Id of the control whose change submitted the form, so it gets the focus back after the navigation. */
let lastChangedId: string | null = null;

/**
 * A GET form (next/form: a client-side navigation, and a plain form without JavaScript,
 * where its submit button applies) that also submits itself whenever a select or checkbox
 * changes, so a filter applies as it is chosen. Text fields submit on Enter, not on every
 * keystroke. The caller keys it by the current query so it remounts with the URL's values;
 * the control just used keeps the keyboard focus. With JavaScript the navigation leaves out
 * the fields left empty (`formQuery`); without it the browser submits every field, `q=`
 * included, which the pages read as no filter.
 */
export function AutoSubmitForm({
  children,
  action,
  ...props
}: Omit<ComponentProps<"form">, "action" | "onChange" | "onSubmit"> & { action: string; children: ReactNode }) {
  const router = useRouter();
  useEffect(() => {
    if (!lastChangedId) return;
    document.getElementById(lastChangedId)?.focus();
    lastChangedId = null;
  }, []);
  return (
    <Form
      action={action}
      {...props}
      onSubmit={(event) => {
        // Our own navigation instead of next/form's, which would put every empty field in the URL.
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const query = formQuery(new FormData(event.currentTarget, submitter));
        router.push(query ? `${action}?${query}` : action);
      }}
      onChange={(event) => {
        const target = event.target as HTMLElement;
        if (
          target instanceof HTMLSelectElement ||
          (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"))
        ) {
          lastChangedId = target.id || null;
          event.currentTarget.requestSubmit();
        }
      }}
    >
      {children}
    </Form>
  );
}
