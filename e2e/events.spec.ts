import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chooseRule, matchesStatus, openApp, replaceQuery, toNdjson } from './helpers.ts';

const TTY_RULE = 'Interactive Terminal Spawned via Python';
const SEQUENCE_RULE = 'Network Connection via Recently Compiled Executable';
const ttyTests = JSON.parse(readFileSync('rules/linux/execution_python_tty_shell.tests.json', 'utf8'));
const seqTests = JSON.parse(readFileSync('rules/linux/execution_network_connection_via_recently_compiled_executable.tests.json', 'utf8'));

const why = (page: Page) => page.getByRole('region', { name: 'Why' });
const events = (page: Page) => page.getByRole('table', { name: 'Events' });

function expectedStatus(kind: 'event' | 'sequence', expect: unknown[]): RegExp {
  const n = expect.length;
  return n === 0 ? /^No matches/ : new RegExp(`^${n} ${kind}${n === 1 ? '' : 's'} matched`);
}

test('pasting each seed rule test case gives the expected counts', async ({ page }) => {
  await openApp(page);
  for (const [rule, tests, kind] of [
    [TTY_RULE, ttyTests, 'event'],
    [SEQUENCE_RULE, seqTests, 'sequence'],
  ] as const) {
    await chooseRule(page, rule);
    for (const c of tests.cases) {
      await page.getByLabel('Sample events').fill(toNdjson(c.events));
      await expect(page.getByText(`${c.events.length} events read`)).toBeVisible();
      await expect(matchesStatus(page)).toHaveText(expectedStatus(kind, c.expect));
    }
    // Every shipped case passes against the shipped query.
    const badge = page.getByRole('region', { name: 'Rule tests' }).getByText(/^\d+\/\d+ passed$/);
    await expect(badge).toHaveText(`${tests.cases.length}/${tests.cases.length} passed`);
  }
});

test('a sequence shows its join keys, its stages, and the timeline of a partial that expired', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, SEQUENCE_RULE);
  const sequence = page.getByRole('region', { name: 'Matches' }).getByRole('group', { name: 'Sequence 1' });
  await expect(sequence).toContainText('host.id = build-07');
  for (const stage of [1, 2, 3, 4]) await expect(sequence.getByRole('cell', { name: `stage ${stage}`, exact: true })).toBeVisible();

  // The second case: the connection comes after maxspan, so the partial sequence expires.
  await page.getByLabel('Sample events').fill(toNdjson(seqTests.cases[1].events));
  await expect(matchesStatus(page)).toHaveText(/^No matches/);
  await events(page).getByRole('button', { name: 'Event 3' }).click();
  const timeline = why(page).getByRole('group', { name: 'Sequence timeline' });
  await expect(timeline).toContainText('expired (maxspan)');
  await expect(timeline).toContainText('started');
});

test('while the query has a syntax error the last results stay, dimmed; they update once it runs again', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, SEQUENCE_RULE);
  const matches = page.getByRole('region', { name: 'Matches' });
  await expect(matchesStatus(page)).toHaveText(/^1 sequence matched/);
  const group = matches.getByRole('group', { name: 'Sequence 1' });
  await expect(group).toContainText('host.id = build-07');
  // The same element is kept through the broken state (nothing rebuilt on every keystroke).
  await group.evaluate((el) => ((el as HTMLElement).dataset.probe = 'kept'));

  await page.locator('.query-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' [');
  await expect(matchesStatus(page)).toHaveText(/^No matches — the query has 1 error/);
  await expect(matches.getByRole('group', { name: 'Results of the last query that ran' })).toBeVisible();
  await expect(matches).toContainText('showing the last query that ran');
  await expect(group).toHaveAttribute('data-probe', 'kept');

  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(matchesStatus(page)).toHaveText(/^1 sequence matched/);
  await expect(matches.getByRole('group', { name: 'Results of the last query that ran' })).toHaveCount(0);
  await expect(group).toHaveAttribute('data-probe', 'kept');
});

test('a query Elasticsearch would reject (unknown field, type mismatch, wrong arguments) shows no matches; the last results stay, dimmed', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[0].events));
  const matches = page.getByRole('region', { name: 'Matches' });
  await replaceQuery(page, 'process where process.name : "*sh"');
  await expect(matchesStatus(page)).toHaveText(/^\d+ events? matched/);
  const ran = (await matchesStatus(page).textContent())!;
  // The error's hover must not cover the lines the next edit clicks on.
  const retype = async (query: string) => {
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await replaceQuery(page, query);
  };
  // The rule reads Elastic Defend's ECS index: each of these is an error there, not a warning.
  for (const [query, errors] of [
    // Every event lacks process.nme, so this one would match them all if it ran.
    ['process where process.name : "*sh" and process.nme == null', 1],
    ['process where process.name : "*sh" and process.pid == "x"', 1],
    ['process where startsWith(process.name) and process.nme == "x"', 2],
  ] as const) {
    await retype(query);
    await expect(matchesStatus(page)).toHaveText(`No matches — the query has ${errors} error${errors === 1 ? '' : 's'}`);
    await expect(matches.getByRole('group', { name: 'Results of the last query that ran' })).toBeVisible();
    await expect(matches).toContainText('showing the last query that ran');
    // Problems lists the same errors the status counts.
    await expect(
      page
        .getByRole('region', { name: 'Problems' })
        .getByRole('listitem')
        .filter({ hasText: /^error query/ }),
    ).toHaveCount(errors);
  }
  await retype('process where process.name : "*sh"');
  await expect(matchesStatus(page)).toHaveText(ran);
  await expect(matches.getByRole('group', { name: 'Results of the last query that ran' })).toHaveCount(0);
});

test('why: each node by its own operator, collapsible; leaves spelled out once with the event values', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[0].events));
  await replaceQuery(page, 'process where host.os.type == "linux" and (process.name == "nope" or not process.parent.name : "python*")');
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);
  // Event 0 is python3 started by bash.
  await events(page).getByRole('button', { name: 'Event 0' }).click();
  const tree = why(page).getByRole('list', { name: 'Conditions on this event' });
  const summaries = tree.locator('summary');
  await expect(summaries).toHaveText(['✓true process where', '✓true and', '✓true or', '✓true not']);
  const leaves = tree.locator('.why-leaf');
  await expect(leaves).toHaveText([
    '✓true event.category == "process" — event.category = ["process"]',
    '✓true host.os.type == "linux" — host.os.type = "linux"',
    '✗false process.name == "nope" — process.name = "python3"',
    '✗false process.parent.name : "python*" — process.parent.name = "bash"',
  ]);
  // No node repeats the text of the nodes below it.
  await expect(tree).not.toContainText('(process.name');
  // Collapsing the `or` hides its conditions; the truth marks are colour-coded.
  const orSummary = tree.locator('summary', { hasText: /^✓true or$/ });
  await orSummary.click();
  await expect(orSummary.locator('xpath=..')).not.toHaveAttribute('open');
  await expect(tree.getByText('process.name == "nope"')).toBeHidden();
  await expect(tree.locator('summary .truth-mark.true').first()).toHaveCSS('color', 'rgb(52, 211, 153)');
});

test('selecting a non-matching event shows the failing clause', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[0].events));
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);
  // Event 0 is python3 started by bash: its parent is not python.
  await events(page).getByRole('button', { name: 'Event 0' }).click();
  const failing = why(page)
    .getByRole('listitem')
    .filter({ hasText: /^✗false process\.parent\.name : "python\*"/ });
  await expect(failing.first()).toBeVisible();
  await expect(failing.first()).toContainText('process.parent.name = "bash"');
  await expect(
    why(page)
      .getByRole('listitem')
      .filter({ hasText: /^✓true host\.os\.type == "linux"/ })
      .first(),
  ).toBeVisible();
  // The query editor colours the same clauses: the failing parent-name test red, the OS test green.
  await expect(page.locator('.query-editor .clause-false').filter({ hasText: 'process.parent.name' }).first()).toBeVisible();
  await expect(page.locator('.query-editor .clause-true').filter({ hasText: 'host.os.type' }).first()).toBeVisible();
});

test('events of a matched row expand to full JSON; the columns are the query fields', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[0].events));
  const matches = page.getByRole('region', { name: 'Matches' });
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);
  // The rule orders by event.ingested (its timestamp_override): that is the first column.
  for (const column of ['event.ingested', 'host.os.type', 'event.action', 'process.parent.name', 'process.name']) {
    await expect(matches.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await matches.getByRole('button', { name: 'JSON of event 1' }).click();
  await expect(matches.locator('pre')).toContainText("pty.spawn('/bin/bash')");
});

test('a bad NDJSON line is reported with its number near the input and in Problems', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const lines = ttyTests.cases[0].events.map((e: unknown) => JSON.stringify(e));
  await page.getByLabel('Sample events').fill([lines[0], lines[1], '{"process": {"name": "sh"', lines[3]].join('\n'));
  await expect(page.getByRole('list', { name: 'Event input problems' })).toContainText('Line 3 is not valid JSON');
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'Line 3' })).toHaveCount(1);
  await expect(page.getByText('3 events read')).toBeVisible();
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);
});

test('near misses and field coverage', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[1].events));
  await replaceQuery(page, 'process where host.os.type == "linux" and process.name == "bash" and user.name == "root"');
  const coverage = page.getByRole('region', { name: 'Field coverage' });
  await expect(coverage).toContainText('No sample event has the field user.name');
  await replaceQuery(page, 'process where host.os.type == "linux" and process.name == "bash"');
  // The second event is bash on a Windows host: it would match if the OS condition were true.
  const near = page.getByRole('region', { name: 'Near misses' });
  await expect(near.getByRole('listitem').filter({ hasText: '#1' })).toContainText(
    'would match if host.os.type == "linux" were true (host.os.type = "windows")',
  );
  await near.getByText('What is a near miss?').click();
  await expect(near).toContainText('would if exactly one condition had the opposite value');
});

test('a large file is read slice by slice: characters cut between slices and a bad line deep inside are handled', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await replaceQuery(page, 'process where process.name == "bäsh-进程-😀"');
  // About 3 MB: read from the file in 1 MiB slices, so multi-byte characters straddle slices.
  const line = (i: number) =>
    JSON.stringify({
      '@timestamp': new Date(Date.UTC(2024, 4, 2) + i).toISOString(),
      event: { category: 'process' },
      process: { name: i % 4 === 0 ? 'bäsh-进程-😀' : 'sh' },
      n: i,
    });
  const lines = Array.from({ length: 24_000 }, (_, i) => line(i));
  // Replaces an event that would match: 6,000 of the 24,000 do, 5,999 are left.
  lines[20_000] = '{"process": {"name": "sh"} "n": 1}';
  await page.getByLabel('Load events file').setInputFiles({ name: 'big.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByText(/^23,999 events read \(NDJSON/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('list', { name: 'Event input problems' })).toContainText("Line 20001 is not valid JSON (expected ',' or '}' at column 28)");
  await expect(matchesStatus(page)).toHaveText(/^5,999 events matched/);
});

test('a large events file loaded for a rule is still there after a reload', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const lines = Array.from({ length: 8_000 }, (_, i) =>
    JSON.stringify({
      '@timestamp': new Date(Date.UTC(2024, 4, 2) + i).toISOString(),
      event: { category: 'process' },
      process: { name: i % 2 ? 'sh' : 'bash' },
      n: i,
    }),
  );
  await page.getByLabel('Load events file').setInputFiles({ name: 'kept.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByText(/^8,000 events read/)).toBeVisible();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(TTY_RULE);
  await expect(page.getByRole('group', { name: 'Loaded events input' })).toContainText('kept.ndjson');
  await expect(page.getByText(/^8,000 events read/)).toBeVisible();
  // Clearing them is saved too.
  await page.getByRole('button', { name: 'Clear events' }).click();
  await expect(page.getByRole('group', { name: 'Loaded events input' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(TTY_RULE);
  await expect(page.getByRole('group', { name: 'Loaded events input' })).toHaveCount(0);
});

test('a broken pretty-printed JSON document is reported once, at the line and column where it breaks', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const doc = JSON.stringify({ hits: { hits: [{ _source: { process: { name: 'bash' } } }] } }, null, 2).replace('"bash"', '"bash",');
  await page.getByLabel('Load events file').setInputFiles({ name: 'response.json', mimeType: 'application/json', buffer: Buffer.from(doc) });
  const problems = page.getByRole('list', { name: 'Event input problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems).toContainText('The JSON document is not valid: expected a property name in double quotes at line 8, column 11.');
});

test('a Discover CSV export loads through the file picker', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, SEQUENCE_RULE);
  await replaceQuery(page, 'process where process.name == "bash"');
  const csv = [
    '"@timestamp","event.category","process.name","host.name"',
    '"May 2, 2024 @ 10:00:00.000",process,bash,web-01',
    '"May 2, 2024 @ 10:00:01.000",process,sh,web-01',
    '"May 2, 2024 @ 10:00:02.000",process,bash,-',
  ].join('\n');
  await page.getByLabel('Load events file').setInputFiles({ name: 'discover.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText(/^3 events read \(Discover CSV/)).toBeVisible();
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);
  await expect(events(page).getByRole('row').nth(1)).toContainText('2024-05-02T10:00:00.000Z');
});

test('rule tests run on every edit; current events are saved as a test and downloaded as the sidecar', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const tests = page.getByRole('region', { name: 'Rule tests' });
  await expect(tests.getByText('2/2 passed')).toBeVisible();
  await replaceQuery(page, 'process where process.name == "nothing"');
  await expect(tests.getByText('1/2 passed')).toBeVisible();
  await expect(tests.getByRole('listitem').filter({ hasText: 'fail' })).toContainText('expected [1] [3], got no match');

  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[0].events));
  await tests.getByLabel('Test title').fill('nothing matches');
  await tests.getByRole('button', { name: 'Save current events as a test' }).click();
  await expect(tests.getByRole('listitem').filter({ hasText: 'nothing matches' })).toContainText('pass');
  await expect(tests.getByText('2/3 passed')).toBeVisible();
  const download = page.waitForEvent('download');
  await tests.getByRole('button', { name: 'Download tests' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('execution_python_tty_shell.tests.json');
  const saved = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(saved.cases.map((c: { name: string }) => c.name)).toEqual([...ttyTests.cases.map((c: { name: string }) => c.name), 'nothing matches']);
  expect(saved.cases[2]).toEqual({ name: 'nothing matches', events: ttyTests.cases[0].events, expect: [] });
});

test('a 50 MB paste shows progress, can be read to the end, and the page stays responsive', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const template = ttyTests.cases[0].events;
  // Build the text in the page (sending 50 MB over the wire would measure Playwright, not the app).
  const count = await page.evaluate((events) => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const e = structuredClone(events[i % events.length]);
      e['@timestamp'] = new Date(Date.parse('2024-05-02T00:00:00Z') + i * 1000).toISOString();
      const line = JSON.stringify(e);
      lines.push(line);
      size += line.length + 1;
    }
    lines.splice(7, 0, '{"this line": is broken}');
    (window as unknown as { bigPaste: string }).bigPaste = lines.join('\n');
    return lines.length - 1;
  }, template);

  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    const data = new DataTransfer();
    data.setData('text/plain', (window as unknown as { bigPaste: string }).bigPaste);
    const textarea = document.querySelector('#sample-events')!;
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const progress = page.getByRole('progressbar', { name: 'Reading events' });
  await expect(progress).toBeVisible();
  // While it reads, the page answers at once.
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  const frameMs = Date.now() - started;
  await expect(progress).toBeHidden({ timeout: 120_000 });
  await expect(page.getByText(`${count.toLocaleString('en-US')} events read`)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Event input problems' })).toContainText('Line 8 is not valid JSON');
  // The template's events 1 and 3 match; the pasted events repeat the template.
  let expected = 0;
  for (let i = 0; i < count; i++) if (i % 4 === 1 || i % 4 === 3) expected++;
  await expect(matchesStatus(page)).toHaveText(new RegExp(`^${expected.toLocaleString('en-US')} events matched`), { timeout: 60_000 });
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`50 MB paste: ${count} events; frame while reading ${frameMs} ms; long tasks ${JSON.stringify(longTasks.map(Math.round))}`);
  expect(frameMs).toBeLessThan(1000);
});

test('events dropped on the input are read; a large read can be cancelled', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  // Drop a file, as a person dragging it from their desktop would.
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.ndjson', { type: 'application/x-ndjson' }));
    const area = document.querySelector('.events-input-area')!;
    area.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    area.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, toNdjson(ttyTests.cases[0].events));
  await expect(page.getByText('4 events read')).toBeVisible();
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);

  // A large paste shows its progress with a Cancel button; cancelling leaves no events. Reading
  // 40 MB takes about a second here, so the click is made in the page as soon as the button shows.
  const sawProgress = await page.evaluate((line) => {
    const text = (line + '\n').repeat(Math.ceil((40 * 1024 * 1024) / (line.length + 1)));
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.querySelector('#sample-events')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return new Promise<boolean>((resolve) => {
      const observer = new MutationObserver(() => {
        const bar = document.querySelector('progress[aria-label="Reading events"]');
        const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel');
        if (bar && cancel) {
          observer.disconnect();
          cancel.click();
          resolve(true);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true });
    });
  }, JSON.stringify(ttyTests.cases[0].events[1]));
  expect(sawProgress).toBe(true);
  await expect(page.getByText('Reading was cancelled; no events are loaded.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Reading events' })).toBeHidden();
  await expect(matchesStatus(page)).toHaveText(/^No matches/);
});
