/**
 * KQL rules of each type in the studio (issue 18): the rule runs once at "now" = the latest
 * sample event's timestamp, in its window (`from`), as Kibana's rule executors run it, and the
 * Matches region shows the type's own view — events; threshold groups with their values and
 * counts; new terms with their first event; event ↔ indicator pairs.
 * Rule types: https://www.elastic.co/guide/en/security/current/rules-ui-create.html
 * KQL: https://www.elastic.co/guide/en/kibana/current/kuery-query.html
 */
import { expect, test, type Page } from '@playwright/test';
import { matchesStatus, openApp, toNdjson } from './helpers.ts';

/** A KQL rule as detection-rules writes it; `extra` holds the type's own fields (TOML after the query). */
function kqlRule(name: string, type: string, query: string, extra = ''): string {
  return `[metadata]
creation_date = "2024/01/01"
integration = ["endpoint"]
maturity = "production"
updated_date = "2024/01/01"

[rule]
author = ["Elastic"]
description = "A ${type} rule of the KQL rule types test."
from = "now-9m"
index = ["logs-endpoint.events.*"]
language = "kuery"
license = "Elastic License v2"
name = "${name}"
risk_score = 21
rule_id = "5d3f1c0e-7a2b-4c1d-9e8f-${String(name.length).padStart(12, '0')}"
severity = "low"
type = "${type}"

query = '''
${query}
'''
${extra}`;
}

const at = (s: number) => `2024-05-01T12:00:${String(s).padStart(2, '0')}Z`;
const proc = (s: number, name: string, host: string, user = 'root') => ({
  '@timestamp': at(s),
  event: { category: 'process' },
  host: { name: host },
  process: { name },
  user: { name: user },
});

async function openRule(page: Page, toml: string, name: string): Promise<void> {
  await openApp(page);
  await page.getByLabel('Open rule file').setInputFiles({ name: 'rule.toml', mimeType: 'application/toml', buffer: Buffer.from(toml) });
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
  await expect(page.getByRole('textbox', { name: 'KQL query' })).toBeAttached();
}

const matches = (page: Page) => page.getByRole('region', { name: 'Matches' });
const why = (page: Page) => page.getByRole('region', { name: 'Why' });

test('query: the events matched, and Why shows each clause of the query on a matching event', async ({ page }) => {
  const name = 'KQL query rule type';
  await openRule(page, kqlRule(name, 'query', 'event.category : process and process.name : (bash or sh)'), name);
  await page.getByLabel('Sample events').fill(toNdjson([proc(1, 'bash', 'a'), proc(2, 'python3', 'a'), proc(3, 'sh', 'b')]));
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);
  await matches(page).getByRole('button', { name: '#2' }).click();
  const tree = why(page).getByRole('list', { name: 'Conditions on this event' });
  // The leaves are the query DSL clauses Kibana sends (a keyword `term` per value of the group),
  // each labelled with the KQL it came from: a value of the list names its field.
  await expect(tree.locator('.why-leaf').filter({ hasText: /^✓true event\.category : process/ })).toContainText('event.category = "process"');
  await expect(tree.locator('.why-leaf').filter({ hasText: /^✓true process\.name: sh/ })).toContainText('process.name = "sh"');
  await expect(tree.locator('.why-leaf').filter({ hasText: /^✗false process\.name: bash/ })).toHaveCount(1);
  await expect(tree).not.toContainText('term process.name');
});

test('threshold: groups reaching threshold.value, with the group values and counts', async ({ page }) => {
  const name = 'KQL threshold rule type';
  const threshold = `
[rule.threshold]
field = ["host.name"]
value = 2
`;
  await openRule(page, kqlRule(name, 'threshold', 'process.name : bash', threshold), name);
  const events = [proc(1, 'bash', 'a'), proc(2, 'bash', 'b'), proc(3, 'bash', 'a'), proc(4, 'bash', 'c'), proc(5, 'bash', 'c'), proc(6, 'sh', 'b')];
  await page.getByLabel('Sample events').fill(toNdjson(events));
  await expect(matchesStatus(page)).toHaveText(/^2 threshold groups matched/);
  const group = matches(page).getByRole('group', { name: 'Threshold group 1' });
  await expect(group.getByRole('heading')).toHaveText('Threshold group 1 — host.name = a — 2 events');
  // Clicking a match's event explains it, as for any match.
  await group.getByRole('button', { name: '#2' }).click();
  await expect(why(page)).toContainText('event #2');
});

test('new_terms: each new combination with its first event in the rule window', async ({ page }) => {
  const name = 'KQL new terms rule type';
  const newTerms = `
[rule.new_terms]
field = "new_terms_fields"
value = ["user.name"]

[[rule.new_terms.history_window_start]]
field = "history_window_start"
value = "now-7d"
`;
  await openRule(page, kqlRule(name, 'new_terms', 'process.name : bash', newTerms), name);
  // alice ran bash a day before (the history window); bob only now: bob's term is new.
  const history = { ...proc(0, 'bash', 'a', 'alice'), '@timestamp': '2024-04-30T12:00:00Z' };
  const events = [history, proc(1, 'bash', 'a', 'alice'), proc(2, 'bash', 'a', 'bob'), proc(3, 'bash', 'b', 'bob')];
  await page.getByLabel('Sample events').fill(toNdjson(events));
  await expect(matchesStatus(page)).toHaveText(/^1 new term matched/);
  const term = matches(page).getByRole('group', { name: 'New term 1' });
  await expect(term.getByRole('heading')).toHaveText('New term 1 — user.name = bob — first seen in event #2');
  await expect(term.getByRole('button', { name: '#2' })).toBeVisible();
});

test('threat_match: event ↔ indicator pairs naming the indicator and the mapped values', async ({ page }) => {
  const name = 'KQL indicator match rule type';
  const threat = `threat_index = ["logs-ti_*"]
threat_language = "kuery"
threat_query = "threat.indicator.type : ipv4-addr"

[[rule.threat_mapping]]

[[rule.threat_mapping.entries]]
field = "destination.ip"
type = "mapping"
value = "threat.indicator.ip"
`;
  await openRule(page, kqlRule(name, 'threat_match', 'destination.ip : *', threat), name);
  // Indicators are the events whose `_index` matches threat_index (and that pass threat_query).
  const events = [
    { _index: 'logs-ti_abuse', '@timestamp': at(0), threat: { indicator: { ip: '10.1.1.1', type: 'ipv4-addr' } } },
    { _index: 'logs-ti_abuse', '@timestamp': at(0), threat: { indicator: { ip: '10.2.2.2', type: 'ipv4-addr' } } },
    { '@timestamp': at(5), event: { category: 'network' }, destination: { ip: '10.1.1.1' } },
    { '@timestamp': at(6), event: { category: 'network' }, destination: { ip: '10.9.9.9' } },
    { '@timestamp': at(7), event: { category: 'network' }, destination: { ip: '10.2.2.2' } },
  ];
  await page.getByLabel('Sample events').fill(toNdjson(events));
  await expect(matchesStatus(page)).toHaveText(/^2 indicator matches/);
  const pair = matches(page).getByRole('group', { name: 'Indicator match 1' });
  await expect(pair.getByRole('heading')).toHaveText('Indicator match 1 — event #2 ↔ indicator #0: destination.ip ↔ threat.indicator.ip = 10.1.1.1');
  await expect(pair.getByRole('row')).toHaveText([/^role/, /^event#2/, /^indicator#0/]);
});
