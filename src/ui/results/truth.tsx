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

/** `process.name = "bash", user.id missing`: what the event holds for the fields a condition reads. */
export function valuesText(values: readonly ExplainValue[]): string {
  return values.map((v) => (v.missing ? `${v.field} missing` : `${v.field} = ${JSON.stringify(v.value)}`)).join(', ');
}
