/// <reference lib="webworker" />
/**
 * Repository worker: checks its part of a repository's rules off the page's thread (thousands of
 * rules take seconds), reporting progress as it goes. The page joins the parts (rule/validate/files.ts).
 */
import type { RepositoryWorkerReply, ValidateRepositoryRequest } from './repository-protocol.ts';
import { checkFiles } from '../rule/validate/files.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: RepositoryWorkerReply) => scope.postMessage(message);
/** Progress is posted this often (in rules), not after every one. */
const PROGRESS_EVERY = 25;

scope.addEventListener('message', (event: MessageEvent<ValidateRepositoryRequest>) => {
  const { id, files, today } = event.data;
  const result = checkFiles(files, {
    today,
    onProgress: (done, total) => {
      if (done % PROGRESS_EVERY === 0 || done === total) reply({ type: 'progress', id, done, total });
    },
  });
  reply({ type: 'result', id, files: result });
});
