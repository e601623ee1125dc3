/**
 * Runs checkQuery on every EQL query of the detection-rules corpus (/work/shared/rules-corpus).
 *
 * "ECS-only" rules — the ones that must have zero errors — are active rules (not under
 * `_deprecated`, maturity ≠ deprecated) whose every `index` pattern is one whose fields we ship:
 * Elastic Defend (`logs-endpoint.*`), `endgame-*`, `auditbeat-*`, `winlogbeat-*`, `packetbeat-*`,
 * and the Elastic System/Windows/Auditd Manager integrations (ECS plus namespaced fields),
 * i.e. `indexCoverage(pattern).level !== 'unknown'`. Any third-party or cloud integration index
 * (crowdstrike, sentinel_one, m365_defender, aws, okta …) makes a rule not ECS-only, because its
 * integration field schema is not shipped; so does a `metadata.integration` package other than
 * endpoint/windows/system/auditd_manager (e.g. problemchild). On those rules unknown fields are warnings; the test
 * also asserts that no unknown-field *error* appears anywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostic.ts';
import { getSchema, indexCoverage, integrationCoverage } from '../schema/index.ts';
import { checkQuery } from './index.ts';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';

const CORPUS = sharedData('rules-corpus', 'EQL checks on the rules corpus') ?? '';

interface CorpusRule {
  path: string;
  name: string;
  query: string;
  index: string[];
  integrations: string[];
  stack?: string;
  active: boolean;
  ecsOnly: boolean;
  timestampField?: string;
  eventCategoryField?: string;
  tiebreakerField?: string;
}

function loadRules(): CorpusRule[] {
  const rules: CorpusRule[] = [];
  for (const top of ['rules', 'rules_building_block']) {
    for (const path of tomlFilesUnder(join(CORPUS, top))) {
      const doc = TOML.parse(readFileSync(path, 'utf8')) as {
        metadata?: { maturity?: string; min_stack_version?: string; integration?: string | string[] };
        rule?: Record<string, unknown>;
      };
      const rule = doc.rule ?? {};
      if (rule.language !== 'eql' || typeof rule.query !== 'string') continue;
      const index = Array.isArray(rule.index) ? (rule.index as string[]) : [];
      const integration = doc.metadata?.integration;
      const integrations = Array.isArray(integration) ? integration : integration ? [integration] : [];
      const active = !path.includes('/_deprecated/') && doc.metadata?.maturity !== 'deprecated';
      rules.push({
        path: path.slice(CORPUS.length + 1),
        name: String(rule.name),
        query: rule.query,
        index,
        integrations,
        stack: doc.metadata?.min_stack_version,
        active,
        ecsOnly:
          index.length > 0 && index.every((p) => indexCoverage(p).level !== 'unknown') && integrations.every((i) => integrationCoverage(i).level !== 'unknown'),
        timestampField: rule.timestamp_field as string | undefined,
        eventCategoryField: rule.event_category_override as string | undefined,
        tiebreakerField: rule.tiebreaker_field as string | undefined,
      });
    }
  }
  return rules;
}

const describeCorpus = describe.skipIf(!CORPUS);

describeCorpus('rules corpus', () => {
  it('has no errors on ECS-only active rules, and no unknown-field errors anywhere', () => {
    const rules = loadRules();
    const times: number[] = [];
    const coldTimes: number[] = [];
    const errorsOnEcsOnly: string[] = [];
    const errorsElsewhere: string[] = [];
    const unknownFieldErrors: string[] = [];
    const warnings = new Map<string, number>();
    // `severity code` → the active rules it appears on (a rule counts once per code).
    const rulesBySeverityCode = new Map<string, Set<string>>();
    const otherErrors = new Map<string, number>();
    const describeDiag = (r: CorpusRule, d: Diagnostic) => `${r.path}: ${d.code} ${d.message} [${d.range ? r.query.slice(d.range.start, d.range.end) : ''}]`;

    for (const r of rules) {
      const schema = getSchema({ stackVersion: r.stack, indexPatterns: r.index, integrations: r.integrations });
      const options = { schema, timestampField: r.timestampField, eventCategoryField: r.eventCategoryField, tiebreakerField: r.tiebreakerField };
      const t0 = performance.now();
      const { diagnostics } = checkQuery(r.query, options);
      const t1 = performance.now();
      checkQuery(r.query, options); // again, warm: what the editor sees on the next keystroke
      coldTimes.push(t1 - t0);
      times.push(performance.now() - t1);
      for (const d of diagnostics) {
        if (d.severity === 'warning' && r.active) warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1);
        if (r.active) {
          const key = `${d.severity} ${d.code}`;
          if (!rulesBySeverityCode.has(key)) rulesBySeverityCode.set(key, new Set());
          rulesBySeverityCode.get(key)!.add(r.path);
        }
        if (d.severity !== 'error') continue;
        if (d.code === 'eql/unknown-field') unknownFieldErrors.push(describeDiag(r, d));
        if (!r.active) continue;
        if (r.ecsOnly) errorsOnEcsOnly.push(describeDiag(r, d));
        else {
          errorsElsewhere.push(describeDiag(r, d));
          otherErrors.set(d.code, (otherErrors.get(d.code) ?? 0) + 1);
        }
      }
    }

    const stats = (xs: number[]) => {
      xs.sort((a, b) => a - b);
      const total = xs.reduce((a, b) => a + b, 0);
      return `total ${total.toFixed(0)} ms, mean ${(total / xs.length).toFixed(2)} ms, p99 ${xs[Math.floor(xs.length * 0.99)].toFixed(2)} ms, max ${xs[xs.length - 1].toFixed(2)} ms`;
    };
    const active = rules.filter((r) => r.active);
    console.log(
      [
        `EQL rules: ${rules.length} (${active.length} active, ${active.filter((r) => r.ecsOnly).length} active ECS-only)`,
        `errors on ECS-only active rules: ${errorsOnEcsOnly.length}`,
        `errors on other active rules: ${errorsElsewhere.length} ${JSON.stringify(Object.fromEntries(otherErrors))}`,
        `warnings by code (active rules): ${JSON.stringify(Object.fromEntries([...warnings].sort((a, b) => b[1] - a[1])))}`,
        `check time, first check per query (schema prebuilt, suggestion caches cold): ${stats(coldTimes)}`,
        `check time, repeated check: ${stats(times)}`,
        ...errorsOnEcsOnly.slice(0, 40),
        ...errorsElsewhere.slice(0, 40),
      ].join('\n'),
    );
    expect(errorsOnEcsOnly).toEqual([]);
    expect(unknownFieldErrors).toEqual([]);

    // A lint that warns on a large share of Elastic's own rules is noise: it must be a hint
    // (severity info) or not fire. The bound is 10% of the active EQL rules (the rules a lint can see).
    const perCode = [...rulesBySeverityCode].map(([key, paths]) => ({ key, rules: paths.size })).sort((a, b) => b.rules - a.rules);
    console.log(
      [
        `diagnostics by severity and code, in how many of the ${active.length} active EQL rules:`,
        ...perCode.map(({ key, rules }) => `  ${key}: ${rules}`),
      ].join('\n'),
    );
    const limit = active.length * 0.1;
    const noisyLints = perCode.filter(({ key, rules }) => key.startsWith('warning lint/') && rules > limit);
    expect(noisyLints).toEqual([]);
  });
});
