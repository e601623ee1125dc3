import { describe, expect, it } from 'vitest';
import { registeredLanguageInfos } from '../languages/infos.ts';
import { registeredLanguages } from '../languages/registry.ts';
import { EQL_LANGUAGE_ID } from './eql-language.ts';
import { KQL_LANGUAGE_ID } from './kql-language.ts';

describe('query languages in Monaco', () => {
  it("register their tokens under the Monaco id the seam's info names", () => {
    const ids = Object.fromEntries(registeredLanguageInfos().map((info) => [info.id, info.monacoId]));
    expect(ids).toEqual({ eql: EQL_LANGUAGE_ID, kuery: KQL_LANGUAGE_ID });
  });

  it('the page and the workers know the same languages, by the same info', () => {
    expect(registeredLanguages().map((l) => l.info)).toEqual(registeredLanguageInfos());
  });
});
