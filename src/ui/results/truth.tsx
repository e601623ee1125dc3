import type { ExplainValue, Truth } from '../../eql/run/types.ts';

const WORDS = { true: 'true', false: 'false', null: 'unknown' } as const;

/** ✓ / ✗ / ? in colour, with the word for screen readers. */
export function TruthMark({ truth }: { truth: Truth }) {
  const key = truth === true ? 'true' : truth === false ? 'false' : 'null';
  return (
    <span className={`truth-mark ${key}`}>
      <span aria-hidden="true">{truth === true ? '✓' : truth === false ? '✗' : '?'}</span>
      <span className="visually-hidden">{WORDS[key]}</span>
    </span>
  );
}

/**
 * `process.name = "bash", user.id missing`: what the event holds for the fields a condition
 * reads; for a field of several values, the one that made the condition true
 * (`process.args = ["a","-enc"] (true for "-enc")`).
 */
export function valuesText(values: readonly ExplainValue[]): string {
  return values
    .map((v) => {
      if (v.missing) return `${v.field} missing`;
      const matched = v.matched ? ` (true for ${v.matched.map((m) => JSON.stringify(m)).join(' and ')})` : '';
      return `${v.field} = ${JSON.stringify(v.value)}${matched}`;
    })
    .join(', ');
}
