/**
 * "Validate repository": a button in the rules panel (shown with a repository), and the dialog with the result: progress while
 * the worker checks every rule, then the counts by code and the files with problems, grouped;
 * a problem (or a file) opens its rule.
 */
import { useEffect, useRef, useState } from 'react';
import type { FileReport } from '../../state/repository-validation.ts';
import { useApp } from '../../state/store.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function FileProblemsItem({ file, code, onOpen }: { file: FileReport; code: string | null; onOpen: (path: string) => void }) {
  const shown = code ? file.diagnostics.filter((d) => d.code === code) : file.diagnostics;
  const counts = [
    file.counts.error && plural(file.counts.error, 'error'),
    file.counts.warning && plural(file.counts.warning, 'warning'),
    file.counts.info && `${file.counts.info} info`,
  ].filter(Boolean);
  return (
    <li>
      <details>
        <summary>
          <span className="validation-path">{file.path}</span> <span className="validation-counts">{counts.join(', ')}</span>
        </summary>
        <ul>
          {shown.map((d, i) => (
            <li key={i}>
              <button type="button" className={`validation-problem severity-${d.severity}`} onClick={() => onOpen(file.rulePath)}>
                {d.line !== undefined && `${d.line}:${d.column} `}
                {d.severity} {d.code}: {d.message}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

function ValidationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { status, done, total, report, ms, error } = useApp((s) => s.validation);
  const [code, setCode] = useState<string | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  const openRule = (path: string) => {
    onClose();
    void useApp.getState().actions.repository.openRule(path);
  };
  const files = report && code ? report.files.filter((f) => f.diagnostics.some((d) => d.code === code)) : (report?.files ?? []);
  return (
    <dialog ref={ref} className="validation-dialog" aria-labelledby="validation-title" onClose={onClose}>
      <h2 id="validation-title">Repository validation</h2>
      {(status === 'reading' || status === 'running') && (
        <p role="status">
          <progress max={total || 1} value={done} aria-label="Validation progress" />{' '}
          {status === 'reading' ? 'Reading the rules…' : `Checked ${done} of ${total} rules…`}
        </p>
      )}
      {status === 'failed' && <p role="alert">Validation failed: {error}</p>}
      {status === 'done' && report && (
        <>
          <p role="status" className="validation-summary">
            {plural(report.checked, 'rule')} checked in {((ms ?? 0) / 1000).toFixed(1)} s: {plural(report.totals.error, 'error')},{' '}
            {plural(report.totals.warning, 'warning')}, {report.totals.info} info in {plural(report.files.length, 'file')}
          </p>
          {report.codes.length > 0 && (
            <table className="validation-codes">
              <caption>Problems by code (choose one to list only its files)</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Count</th>
                </tr>
              </thead>
              <tbody>
                {report.codes.map((c) => (
                  <tr key={`${c.severity} ${c.code}`}>
                    <td>
                      <button type="button" className="link-button" aria-pressed={code === c.code} onClick={() => setCode(code === c.code ? null : c.code)}>
                        {c.code}
                      </button>
                    </td>
                    <td>{c.severity}</td>
                    <td>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>
            Files with problems{code && ` (${code})`}: {files.length}
          </h3>
          <ul className="validation-files" aria-label="Files with problems">
            {files.map((f) => (
              <FileProblemsItem key={f.path} file={f} code={code} onOpen={openRule} />
            ))}
          </ul>
        </>
      )}
      <div className="validation-actions">
        <button
          type="button"
          className="button"
          onClick={() => void useApp.getState().actions.validation.validateRepository()}
          disabled={status === 'reading' || status === 'running'}
        >
          Validate again
        </button>
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

export function ValidateRepositoryButton() {
  const connected = useApp((s) => s.repository.connected);
  const [open, setOpen] = useState(false);
  const busy = useApp(({ validation: v }) => v.status === 'reading' || v.status === 'running');
  if (!connected) return null;
  return (
    <>
      <button
        type="button"
        className="button validate-repository"
        onClick={() => {
          setOpen(true);
          if (!busy) void useApp.getState().actions.validation.validateRepository();
        }}
        title="Check every rule of the repository (all validation layers and the query checks)"
      >
        Validate repository
      </button>
      <ValidationDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
