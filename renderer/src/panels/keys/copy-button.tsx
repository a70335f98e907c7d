/** Copies text to the clipboard; says so, or says it could not (then the text stays selectable). */
import { useState } from 'react';

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" className="copy-button" data-testid={testId} onClick={copy}>
      {state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Select and copy manually' : label}
    </button>
  );
}
