/**
 * "Validate repository": every rule of the open repository checked in a worker as `rule-studio
 * validate` checks it (all three layers, the query checks, unique ids and names, test sidecars),
 * then grouped for the panel: the files with problems, and how many of each code. The run is the
 * `actions.validation` group of the application store; its progress and report are the store's
 * nested `validation` field.
 */
import type { Severity } from '../diagnostic.ts';
import { decodeRuleBytes } from '../rule/decode.ts';
import { sidecarPathFor, TEST_SIDECAR_SUFFIX } from '../rule/test-cases.ts';
import type { CheckedFile, FileProblems, LocatedDiagnostic, RepositoryWorkerReply, ValidateRepositoryRequest } from '../worker/repository-protocol.ts';
import { joinChecked } from '../rule/validate/files.ts';
import type { AppState, SetRoot } from './store.ts';

export interface FileReport {
  path: string;
  /** The rule the file belongs to (a sidecar's rule), which a click opens. */
  rulePath: string;
  diagnostics: LocatedDiagnostic[];
  counts: Record<Severity, number>;
}

export interface ValidationReport {
  /** Rule files checked. */
  checked: number;
  /** Files with at least one diagnostic, errors first, then by path. */
  files: FileReport[];
  /** Each code with its severity and how many times it occurs, most frequent first. */
  codes: { code: string; severity: Severity; count: number }[];
  totals: Record<Severity, number>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Groups per-file diagnostics for the panel. Pure. */
export function groupProblems(files: readonly FileProblems[], checked: number): ValidationReport {
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const codes = new Map<string, { code: string; severity: Severity; count: number }>();
  const reports: FileReport[] = [];
  for (const file of files) {
    if (file.diagnostics.length === 0) continue;
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const d of file.diagnostics) {
      counts[d.severity]++;
      totals[d.severity]++;
      const key = `${d.severity} ${d.code}`;
      const known = codes.get(key);
      if (known) known.count++;
      else codes.set(key, { code: d.code, severity: d.severity, count: 1 });
    }
    const rulePath = file.path.endsWith(TEST_SIDECAR_SUFFIX) ? file.path.slice(0, -TEST_SIDECAR_SUFFIX.length) + '.toml' : file.path;
    reports.push({ path: file.path, rulePath, diagnostics: file.diagnostics, counts });
  }
  const worst = (r: FileReport) => (r.counts.error ? 0 : r.counts.warning ? 1 : 2);
  reports.sort((a, b) => worst(a) - worst(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byCount = [...codes.values()].sort(
    (a, b) => b.count - a.count || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.code < b.code ? -1 : 1),
  );
  return { checked, files: reports, codes: byCount, totals };
}

export interface ValidationState {
  status: 'idle' | 'reading' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  report: ValidationReport | null;
  /** How long the last run took, reading the files included. */
  ms: number | null;
  error: string | null;
}

/** No validation run yet (the store's initial `validation` field). */
export function initialValidation(): ValidationState {
  return { status: 'idle', done: 0, total: 0, report: null, ms: null, error: null };
}

/** "Validate repository" (`actions.validation`), over the root state. */
export function validationWorkflows(set: SetRoot, get: () => AppState) {
  /** Runs started: a newer run makes an older one's results stale. */
  let runs = 0;
  const patch = (change: Partial<ValidationState>) => set((root) => ({ validation: { ...root.validation, ...change } }));

  return {
    /** Reads every rule file of the repository and validates them all in a worker. */
    async validateRepository(): Promise<void> {
      const backend = get().actions.repository.backend();
      if (!backend) return;
      const id = ++runs;
      const started = performance.now();
      patch({ status: 'reading', done: 0, total: 0, error: null });
      const listed = await backend.list('content');
      if (id !== runs) return;
      if (!listed) {
        patch({ status: 'failed', error: 'The repository could not be read' });
        return;
      }
      // A file that is not valid UTF-8 has no text in the list: it is read alone, and reported.
      const files: { path: string; text: string }[] = [];
      const unreadable: FileProblems[] = [];
      for (const f of listed.files) {
        if (f.text !== undefined) files.push({ path: f.path, text: f.text });
        else {
          const read = await backend.read(f.path);
          const decoded = read ? decodeRuleBytes(read.bytes) : null;
          if (decoded && decoded.diagnostics.length === 0) files.push({ path: f.path, text: decoded.text });
          else
            unreadable.push({
              path: f.path,
              diagnostics: decoded?.diagnostics ?? [{ severity: 'error', code: 'validate/read', message: 'The file could not be read.', source: 'toml' }],
            });
        }
      }
      const rules = files.filter((f) => f.path.endsWith('.toml')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const total = rules.length;
      patch({ status: 'running', total });
      // The rules in consecutive parts, one worker each (parts in path order, so the join keeps it).
      const texts = new Map(files.map((f) => [f.path, f.text]));
      const count = Math.max(1, Math.min(MAX_WORKERS, globalThis.navigator?.hardwareConcurrency ?? 2, Math.ceil(total / 200)));
      const size = Math.ceil(total / count);
      const parts = Array.from({ length: count }, (_, k) =>
        rules.slice(k * size, (k + 1) * size).flatMap((r) => {
          const sidecar = sidecarPathFor(r.path);
          return texts.has(sidecar) ? [r, { path: sidecar, text: texts.get(sidecar)! }] : [r];
        }),
      );
      const progress = parts.map(() => 0);
      const workers: Worker[] = [];
      try {
        const checked = await Promise.all(
          parts.map((part, k) => {
            const worker = new Worker(new URL('../worker/repository.worker.ts', import.meta.url), { type: 'module', name: `rule-studio-repository-${k}` });
            workers.push(worker);
            return new Promise<CheckedFile[]>((resolve, reject) => {
              worker.addEventListener('message', (event: MessageEvent<RepositoryWorkerReply>) => {
                const reply = event.data;
                if (reply.type === 'result') return resolve(reply.files);
                progress[k] = reply.done;
                if (id === runs) patch({ done: progress.reduce((a, b) => a + b, 0) });
              });
              worker.addEventListener('error', (event) => reject(new Error(event.message || 'the validation worker failed')));
              worker.postMessage({ type: 'validate', id, files: part } satisfies ValidateRepositoryRequest);
            });
          }),
        );
        if (id !== runs) return;
        const unreadableRules = unreadable.filter((f) => f.path.endsWith('.toml')).length;
        const report = groupProblems([...unreadable, ...joinChecked(checked, texts)], total + unreadableRules);
        patch({ status: 'done', done: total, report, ms: Math.round(performance.now() - started) });
      } catch (err) {
        if (id === runs) patch({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
      } finally {
        for (const worker of workers) worker.terminate();
      }
    },
  };
}

export type ValidationWorkflows = ReturnType<typeof validationWorkflows>;

/** Workers for one validation at most (each loads the validators and schemas once). */
const MAX_WORKERS = 4;
