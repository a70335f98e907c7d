/** A just-created key, shown this once, with copy and ready-to-paste curl and Python snippets. */
import type { CreatedApiKey } from '../../../../electron/service/api/contract';
import { CopyButton } from './copy-button';
import { curlSnippet, pythonSnippet } from './key-snippets';
import { scopeList } from './scope-choices';

export function CreatedKey({ created, baseUrl, onDone }: { created: CreatedApiKey; baseUrl: string; onDone: () => void }) {
  const curl = curlSnippet(baseUrl, created.key);
  const python = pythonSnippet(baseUrl, created.key);
  return (
    <div className="created-key" data-testid="created-key" role="status">
      <p>
        <strong>Key “{created.name}” created</strong> with scopes <span data-testid="created-key-scopes">{scopeList(created.scopes)}</span>. Copy it
        now — it is shown only once.
      </p>
      <div className="key-value">
        <code data-testid="created-key-value">{created.key}</code>
        <CopyButton text={created.key} testId="copy-key" />
      </div>
      <div className="snippet">
        <div className="snippet-head">
          <span>curl</span>
          <CopyButton text={curl} />
        </div>
        <pre data-testid="snippet-curl">{curl}</pre>
      </div>
      <div className="snippet">
        <div className="snippet-head">
          <span>Python</span>
          <CopyButton text={python} />
        </div>
        <pre data-testid="snippet-python">{python}</pre>
      </div>
      <button type="button" data-testid="created-key-done" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
