/**
 * Messages of the repository worker (repository.worker.ts): validate every rule of a repository
 * as `rule-studio validate` does, with progress.
 */
import type { CheckedFile } from '../rule/validate/files.ts';

export type { CheckedFile, FileProblems, LocatedDiagnostic } from '../rule/validate/files.ts';

export interface ValidateRepositoryRequest {
  type: 'validate';
  id: number;
  /** Rule files and their test sidecars (`<rule>.tests.json`), by path: all, or this worker's part. */
  files: { path: string; text: string }[];
  /** Today as YYYY/MM/DD (the validator flags later dates); default: the current UTC date. */
  today?: string;
}

export type RepositoryWorkerReply = { type: 'progress'; id: number; done: number; total: number } | { type: 'result'; id: number; files: CheckedFile[] };
