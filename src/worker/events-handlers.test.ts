import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Cancelled, EventStore, evaluateEvents, explain, insights, listEvents, runTests, snapshot, type JobContext } from './events-handlers.ts';
import type { ReadProgress } from '../events/read.ts';
import { readRuleTests } from '../rule/test-cases.ts';
import { loadRule } from '../rule/load.ts';

const settings = { timestampField: '@timestamp', eventCategoryField: 'event.category' };

function ctx(progress: ReadProgress[] = [], stale = () => false): JobContext {
  return { progress: (p) => progress.push(p), stale, pause: async () => {} };
}

const ev = (i: number, name: string, host = 'h1', extra: object = {}) => ({
  '@timestamp': 1000 + i,
  event: { category: 'process' },
  host: { id: host },
  process: { name },
  ...extra,
});

async function loaded(events: object[]) {
  const store = new EventStore();
  await store.load({ kind: 'load-events', eventsKey: 'k', source: events.map((e) => JSON.stringify(e)).join('\n') }, ctx());
  return store.get('k');
}

describe('EventStore', () => {
  it('reads in steps with progress, and waits for a pending load', async () => {
    const store = new EventStore();
    const text = Array.from({ length: 60000 }, (_, i) => JSON.stringify(ev(i, 'bash'))).join('\n');
    const progress: ReadProgress[] = [];
    const loading = store.load({ kind: 'load-events', eventsKey: 'a', source: text }, ctx(progress));
    const waited = store.get('a');
    const response = await loading;
    expect(response.eventCount).toBe(60000);
    expect(progress.length).toBeGreaterThan(2);
    expect((await waited).events).toHaveLength(60000);
  });

  it('streams a Blob slice by slice, characters cut between slices included', async () => {
    // Multi-byte names put UTF-8 sequences across the 1 MiB slice boundaries.
    const names = ['bäsh', 'прц', '进程', 'emoji-😀'];
    const lines = Array.from({ length: 30000 }, (_, i) => JSON.stringify(ev(i, names[i % names.length])));
    lines.splice(7, 0, '{"broken": ');
    const blob = new Blob([lines.join('\n')]);
    expect(blob.size).toBeGreaterThan(2 * (1 << 20));
    const store = new EventStore();
    const progress: ReadProgress[] = [];
    const response = await store.load({ kind: 'load-events', eventsKey: 'f', source: blob }, ctx(progress));
    expect(response).toMatchObject({ eventCount: 30000, format: 'ndjson', skipped: 1, size: blob.size });
    expect(response.diagnostics[0].message).toMatch(/^Line 8 is not valid JSON/);
    expect(progress.map((p) => p.total)).toEqual(progress.map(() => blob.size));
    const { events } = await store.get('f');
    expect(events.map((e) => (e as { process: { name: string } }).process.name)).toEqual(Array.from({ length: 30000 }, (_, i) => names[i % names.length]));
  });

  it('stops when cancelled and keeps the previous events', async () => {
    const store = new EventStore();
    await store.load({ kind: 'load-events', eventsKey: 'a', source: JSON.stringify(ev(0, 'x')) }, ctx());
    const text = Array.from({ length: 60000 }, (_, i) => JSON.stringify(ev(i, 'bash'))).join('\n');
    let steps = 0;
    await expect(
      store.load(
        { kind: 'load-events', eventsKey: 'b', source: text },
        ctx([], () => ++steps > 1),
      ),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(store.peek()?.key).toBe('a');
    await expect(store.get('b')).rejects.toThrow(/not loaded/);
  });
});

describe('handlers', () => {
  it('evaluates, sends only the shown matches, and lists the query fields', async () => {
    const events = Array.from({ length: 250 }, (_, i) => ev(i, i % 2 ? 'bash' : 'sh'));
    const l = await loaded(events);
    const r = evaluateEvents(l, { kind: 'evaluate', eventsKey: 'k', query: 'process where process.name : "*sh" and host.id == "h1"', settings });
    expect(r.totalMatches).toBe(250);
    expect(r.result!.matches).toHaveLength(200);
    expect(Object.keys(r.matchedEvents)).toHaveLength(200);
    expect(r.queryFields).toEqual(['process.name', 'host.id']);
  });

  it('lists event rows and counts events without a timestamp', async () => {
    const l = await loaded([ev(0, 'a'), { event: { category: 'file' } }]);
    const r = listEvents(l, { kind: 'list-events', eventsKey: 'k', from: 0, count: 10, settings });
    expect(r.rows).toEqual([
      { index: 0, timestamp: '1000', category: 'process' },
      { index: 1, timestamp: null, category: 'file' },
    ]);
    expect(r.missingTimestamp).toBe(1);
  });

  it('explains an event clause by clause and gives sequence timelines', async () => {
    const l = await loaded([ev(0, 'gcc'), ev(1, 'ld'), ev(2, 'gcc', 'h2'), ev(3, 'other')]);
    const q = 'process where process.name == "gcc" and host.id == "h1"';
    const e = explain(l, { kind: 'explain', eventsKey: 'k', query: q, settings, index: 2 });
    expect(e.tree!.children[1]).toMatchObject({ kind: 'and', label: 'and', truth: false });
    const clauses = e.tree!.children[1].children.map((c) => [q.slice(c.range.start, c.range.end), c.truth, c.values]);
    expect(clauses).toEqual([
      ['process.name == "gcc"', true, [{ field: 'process.name', value: 'gcc', missing: false }]],
      ['host.id == "h1"', false, [{ field: 'host.id', value: 'h2', missing: false }]],
    ]);
    const seq = 'sequence by host.id [process where process.name == "gcc"] [process where process.name == "ld"]';
    const s = explain(l, { kind: 'explain', eventsKey: 'k', query: seq, settings, index: 1 });
    expect(s.timelines).toEqual([
      {
        key: ['h1'],
        earlier: 0,
        more: 0,
        steps: [
          { kind: 'started', stage: 0, event: 0, events: [0] },
          { kind: 'completed', stage: 1, event: 1, events: [0, 1] },
        ],
      },
    ]);
  });

  it('shows a timeline from a few steps before the selected event, not from the start of time', async () => {
    const l = await loaded([...Array.from({ length: 100 }, (_, i) => ev(i, 'gcc')), ev(100, 'ld')]);
    const seq = 'sequence by host.id [process where process.name == "gcc"] [process where process.name == "ld"]';
    const [timeline] = explain(l, { kind: 'explain', eventsKey: 'k', query: seq, settings, index: 100 }).timelines!;
    expect(timeline.steps.at(-1)).toMatchObject({ kind: 'completed', event: 100 });
    expect(timeline.steps).toHaveLength(11);
    expect(timeline.earlier + timeline.steps.length + timeline.more).toBeGreaterThan(100);
    expect(timeline.more).toBe(0);
  });

  it('finds near misses and fields no event has', async () => {
    const l = await loaded([ev(0, 'bash'), ev(1, 'sh', 'h2'), ev(2, 'zsh', 'h9', { event: { category: 'file' } })]);
    const q = 'process where process.name : "*sh" and host.id == "h1" and process.pid > 0';
    const r = insights(l, { kind: 'insights', eventsKey: 'k', query: q, settings });
    // Every event lacks process.pid, so none fails exactly one clause except through it.
    expect(r.coverage.map((d) => d.message)).toEqual([expect.stringContaining('process.pid')]);
    expect(r.coverage[0].range).toEqual({ start: q.indexOf('process.pid'), end: q.indexOf('process.pid') + 11 });
    const q2 = 'process where process.name : "*sh" and host.id == "h1"';
    const r2 = insights(l, { kind: 'insights', eventsKey: 'k', query: q2, settings });
    expect(r2.nearMisses).toEqual([
      {
        index: 1,
        stage: null,
        leaves: [
          {
            condition: 'host.id == "h1"',
            range: { start: q2.indexOf('host.id'), end: q2.length },
            truth: false,
            needed: true,
            values: [{ field: 'host.id', value: 'h2', missing: false }],
          },
        ],
      },
    ]);
    expect(r2.nearMissCount).toBe(1);
  });

  it('lists as near misses only events one leaf away, not every event that fails an OR group', async () => {
    const l = await loaded([
      ev(0, 'bash', 'h1', { user: { name: 'root' } }), // matches
      ev(1, 'ls', 'h1', { user: { name: 'root' } }), // one process.name leaf away (either alternative)
      ev(2, 'ls', 'h1', { user: { name: 'bob' } }), // unrelated: fails the user and both alternatives
      ev(3, 'zsh', 'h1', { user: { name: 'bob' } }), // one leaf away: the user
    ]);
    const q = 'process where host.id == "h1" and user.name == "root" and (process.name == "bash" or process.name == "zsh")';
    const r = insights(l, { kind: 'insights', eventsKey: 'k', query: q, settings });
    expect(r.nearMisses.map((m) => [m.index, m.leaves.map((x) => `${x.condition} → ${x.needed}`)])).toEqual([
      [1, ['process.name == "bash" → true', 'process.name == "zsh" → true']],
      [3, ['user.name == "root" → true']],
    ]);
    expect(r.nearMisses[0].leaves[0].values).toEqual([{ field: 'process.name', value: 'ls', missing: false }]);
    // An OR of ANDs: no single leaf rescues ls/bob, so it is no near miss (it used to be listed
    // as failing "only" the OR group); ls/root and zsh/bob are one leaf from a branch.
    const q2 = 'process where host.id == "h1" and ((process.name == "bash" and user.name == "root") or (process.name == "zsh" and user.name == "admin"))';
    const r2 = insights(l, { kind: 'insights', eventsKey: 'k', query: q2, settings });
    expect(r2.nearMisses.map((m) => [m.index, m.leaves.map((x) => x.condition)])).toEqual([
      [1, ['process.name == "bash"']],
      [3, ['user.name == "admin"']],
    ]);
  });

  it('does not run a query Elasticsearch would reject: any error of the schema check stops it, not only syntax errors', async () => {
    const l = await loaded([ev(0, 'bash'), ev(1, 'sh')]);
    const endpoint = { ...settings, schema: { indexPatterns: ['logs-endpoint.events.*'] } };
    const run = (query: string, s = endpoint) => evaluateEvents(l, { kind: 'evaluate', eventsKey: 'k', query, settings: s });
    const errors = (query: string) =>
      run(query)
        .result!.diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.code);
    expect(run('process where process.name : "*sh"').totalMatches).toBe(2);
    for (const [query, codes] of [
      ['process where process.name : "*sh" and process.nme == "x"', ['eql/unknown-field']],
      ['process where process.name : "*sh" and process.pid == "x"', ['eql/type-mismatch']],
      ['process where process.name : "*sh" and startsWith(process.name)', ['eql/function-arity']],
      ['process where process.name : "*sh" and process.nme == "x" and process.pid == "x"', ['eql/unknown-field', 'eql/type-mismatch']],
    ] as const) {
      expect(run(query).totalMatches, query).toBe(0);
      expect(run(query).result!.matches).toEqual([]);
      expect(errors(query), query).toEqual(codes);
      // The columns still come from the query, and nothing explains or nearly matches it.
      expect(run(query).queryFields[0]).toBe('process.name');
      expect(explain(l, { kind: 'explain', eventsKey: 'k', query, settings: endpoint, index: 0 }).tree).toBeNull();
      expect(insights(l, { kind: 'insights', eventsKey: 'k', query: query.replace(' : "*sh"', ' == "bash"'), settings: endpoint }).nearMisses).toEqual([]);
    }
    // Warnings do not stop it (a field the schema of a custom index cannot know).
    const custom = { ...settings, schema: { indexPatterns: ['custom-*'] } };
    expect(run('process where process.name : "*sh" and user.foo == null', custom).totalMatches).toBe(2);
  });

  it('runs the seed rule test cases and snapshots events as a case', async () => {
    const base = 'rules/linux/execution_python_tty_shell';
    const data = loadRule(readFileSync(`${base}.toml`, 'utf8')).data!;
    const { cases } = readRuleTests(readFileSync(`${base}.tests.json`, 'utf8')).file;
    expect(runTests({ kind: 'run-tests', data, cases }).outcomes.map((o) => o.passed)).toEqual([true, true]);
    const l = await loaded(cases[0].events as object[]);
    const query = (data.rule as { query: string }).query;
    const s = snapshot(l, { kind: 'snapshot', eventsKey: 'k', query, settings, maxEvents: 10 });
    expect(s.expect).toEqual(cases[0].expect);
    expect(snapshot(l, { kind: 'snapshot', eventsKey: 'k', query, settings, maxEvents: 2 }).events).toBeNull();
  });
});
