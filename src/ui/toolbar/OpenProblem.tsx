import { useApp } from '../../state/store.ts';
import { lineColumnAt } from '../../diagnostic.ts';

/** Why the last file could not be opened (or what an import skipped); the rule that was open stays open. */
export function OpenProblem() {
  const problem = useApp((s) => s.openProblem);
  const dismiss = useApp.getState().actions.rules.dismissOpenProblem;
  if (!problem) return null;
  return (
    <div className="open-problem" role="alert">
      <strong>
        {problem.imported
          ? `Imported ${problem.imported} rule${problem.imported === 1 ? '' : 's'} from ${problem.fileName}; ${problem.diagnostics.length} ${problem.diagnostics.length === 1 ? 'entry was' : 'entries were'} skipped or need attention.`
          : `Could not open ${problem.fileName}.`}
      </strong>
      <ul>
        {problem.diagnostics.map((d, i) => (
          <li key={i}>
            {d.range ? <LineColumn text={problem.text} offset={d.range.start} /> : null}
            {d.message}
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

function LineColumn({ text, offset }: { text: string; offset: number }) {
  const { line, column } = lineColumnAt(text, offset);
  return (
    <span className="location">
      Line {line}, column {column}:{' '}
    </span>
  );
}
