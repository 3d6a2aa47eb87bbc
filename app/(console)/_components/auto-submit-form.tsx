"use client";

import type { FormHTMLAttributes, ReactNode } from "react";

/**
 * A plain GET form (works without JavaScript through its submit button) that also submits
 * itself whenever a select or checkbox changes, so a filter applies as it is chosen. Text
 * fields submit on Enter, not on every keystroke.
 */
export function AutoSubmitForm({ children, ...props }: FormHTMLAttributes<HTMLFormElement> & { children: ReactNode }) {
  return (
    <form
      method="get"
      {...props}
      onChange={(event) => {
        const target = event.target as HTMLElement;
        if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"))) {
          event.currentTarget.requestSubmit();
        }
      }}
    >
      {children}
    </form>
  );
}
