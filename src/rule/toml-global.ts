/**
 * @iarna/toml reads Node's `global` (e.g. `global.Date` when its modules load, `global.Buffer`
 * when parsing). Browsers and workers only have `globalThis`, so importing the parser there
 * throws "global is not defined". This module must be imported before @iarna/toml; it aliases
 * `global` to `globalThis` when missing and changes nothing in Node.
 */
const g = globalThis as { global?: unknown };
if (typeof g.global === 'undefined') g.global = globalThis;

export {};
