import type { ReactNode } from "react";

/**
 * A page section the reader can fold away (a native <details>, so it works without
 * JavaScript and with the keyboard), open by default: long pages such as the account page
 * become a list of headings once the sections a reader is done with are closed. The id stays
 * on the section so the section navigation's anchors land on it.
 */
export function CollapsibleSection({
  id,
  title,
  testId,
  defaultOpen = true,
  className,
  children,
}: {
  id?: string;
  title: ReactNode;
  testId?: string;
  defaultOpen?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={`panel collapsible${className ? ` ${className}` : ""}`} id={id} data-testid={testId}>
      <details open={defaultOpen}>
        <summary>
          <h2>{title}</h2>
        </summary>
        {children}
      </details>
    </section>
  );
}
