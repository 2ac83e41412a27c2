import { useState } from 'preact/hooks';

/**
 * Site text that may be long (a 5 KB Set-Cookie header, a storage value): cut at `limit` characters with a
 * button to show it whole and fold it again. The text goes in its own element (`as`, `class`), the button after it.
 */
export function FoldedText({ text, limit, as: Tag = 'span', class: className }: { text: string; limit: number; as?: 'span' | 'code'; class?: string }) {
  const [whole, setWhole] = useState(false);
  const long = text.length > limit;
  return (
    <>
      <Tag class={className}>{whole || !long ? text : `${text.slice(0, limit)}…`}</Tag>
      {long && ' '}
      {long && (
        <button type="button" class="link-button" onClick={() => setWhole(!whole)}>
          {whole ? 'Fold' : `Show all ${text.length.toLocaleString('en-US')} characters`}
        </button>
      )}
    </>
  );
}
