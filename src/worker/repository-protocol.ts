/**
 * Messages of the repository worker (repository.worker.ts): validate every rule of a repository
 * as `rule-studio validate` does, with progress.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { RuleIdentity } from '../rule/validate/index.ts';

export interface ValidateRepositoryRequest {
  type: 'validate';
  id: number;
  /** Rule files and their test sidecars (`<rule>.tests.json`), by path: all, or this worker's part. */
  files: { path: string; text: string }[];
  /** Today as YYYY/MM/DD (the validator flags later dates); default: the current UTC date. */
  today?: string;
}

/** A diagnostic with the 1-based line and column of its start, when it has a range. */
export type LocatedDiagnostic = Diagnostic & { line?: number; column?: number };

export interface FileProblems {
  path: string;
  diagnostics: LocatedDiagnostic[];
}

/** One file as a worker checked it: before collisions across the set and line numbers are added. */
export interface CheckedFile {
  path: string;
  diagnostics: Diagnostic[];
  /** A rule's rule_id and name (for the collision check across every part). */
  identity?: RuleIdentity;
}

export type RepositoryWorkerReply = { type: 'progress'; id: number; done: number; total: number } | { type: 'result'; id: number; files: CheckedFile[] };
