/** The KQL queries (`language = "kuery"`) of the rules corpus in ../shared, for tests and benches. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import TOML from '@iarna/toml';
import { tomlFilesUnder } from '../scripts/shared-data.ts';

interface CorpusRule {
  rule?: { language?: string; query?: string };
}

export function kqlCorpusQueries(corpus: string): { file: string; query: string }[] {
  const out: { file: string; query: string }[] = [];
  for (const sub of ['rules', 'rules_building_block']) {
    for (const file of tomlFilesUnder(path.join(corpus, sub))) {
      const doc = TOML.parse(readFileSync(file, 'utf8')) as CorpusRule;
      if (doc.rule?.language === 'kuery' && typeof doc.rule.query === 'string') out.push({ file: path.relative(corpus, file), query: doc.rule.query });
    }
  }
  return out;
}
