import fc from 'fast-check';

/**
 * Documents mixing nested objects, dotted keys, arrays of objects (nested too) and scalars: the
 * shapes field resolution must read as Elasticsearch does. Keys are `segment`s or `dotted` names.
 */
export function documentArbitrary(segment: fc.Arbitrary<string>, dotted: readonly string[], maxKeys: number): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.integer(),
      fc.string({ maxLength: 3 }),
      fc.constant(null),
      tie('object'),
      fc.array(tie('value'), { maxLength: 3 }),
    ),
    object: fc.dictionary(fc.oneof(segment, fc.constantFrom(...dotted)), tie('value'), { maxKeys }),
  })).object;
}
