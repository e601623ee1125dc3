import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_DIR, generate } from './gen-schema.ts';
import { sharedData } from './shared-data.ts';

const SHARED = sharedData('schemas', 'generated schema data is up to date');

describe.skipIf(!SHARED)('gen-schema', () => {
  it('the shipped schema data is what the generator produces', () => {
    for (const [file, text] of Object.entries(generate())) {
      expect(readFileSync(join(OUTPUT_DIR, file), 'utf8'), `${file} is stale: run npx tsx scripts/gen-schema.ts`).toBe(`${text}\n`);
    }
  });
});
