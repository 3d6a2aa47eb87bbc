/**
 * Text that can run to a paragraph (a rule's reason listing fourteen CloudWatch controls)
 * shows its first sentence-or-so and folds the rest behind "more", so one item does not
 * take a screen. The whole text stays in the page (and on the item page).
 */
export function ClampedText({ text, limit = 200 }: { text: string; limit?: number }) {
  if (text.length <= limit + 40) return <>{text}</>;
  const space = text.lastIndexOf(" ", limit);
  const cut = space > limit / 2 ? space : limit;
  return (
    <details className="clamped">
      <summary>
        {text.slice(0, cut)}
        <span className="clamped-more">… more</span>
      </summary>
      {text.slice(cut)}
    </details>
  );
}
