/**
 * Whole-process CLI benchmark: start-up (`--help`) against `node -e ''`, and `eval` of 100,000
 * ECS events against the floor of a process that only reads the file and JSON-parses each line.
 * Targets: start-up within 0.15 s of node; `eval` within 1.5× the floor. Each figure is the best
 * of several runs, all measured side by side in this one run; wall and CPU time are both shown
 * (CPU time is the steadier one when other work shares the machine), with the load average.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEvents } from './ecs-events.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/rule-studio');
const N = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'rule-studio-cli-bench-'));
const events = join(dir, 'events.ndjson');
writeFileSync(
  events,
  generateEvents(N)
    .map((e) => JSON.stringify(e))
    .join('\n') + '\n',
);

// The bench runner sets --expose-gc for its in-process benchmarks; child processes run plain.
const env = { ...process.env, NODE_OPTIONS: '' };

// Each child reports its own CPU time (user + system, all threads: GC helpers included) as it
// exits: on a machine shared with other work, CPU time moves far less than wall time.
const preload = join(dir, 'cpu-at-exit.cjs');
writeFileSync(
  preload,
  `process.on('exit', () => { const c = process.cpuUsage(); require('fs').writeSync(2, '\\n@@cpu ' + (c.user + c.system) / 1000 + '\\n'); });`,
);

interface Figure {
  wall: number;
  cpu: number;
}

/** Fastest wall time and lowest CPU time of `runs` runs, after one that warms the file cache. */
function best(runs: number, args: string[]): Figure {
  const fig: Figure = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, ['-r', preload, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - t0;
    if (out.status !== 0 && out.status !== 1) throw new Error(`${args.join(' ')} exited ${out.status}: ${out.stderr}`);
    const cpu = Number(/@@cpu ([\d.]+)/.exec(String(out.stderr))?.[1] ?? NaN);
    if (r > 0) {
      fig.wall = Math.min(fig.wall, ms);
      fig.cpu = Math.min(fig.cpu, cpu);
    }
  }
  return fig;
}

const FLOOR = `const fs=require('fs');let n=0;for(const l of fs.readFileSync(process.argv[1],'utf8').split('\\n'))if(l)JSON.parse(l),n++;`;
// The same, keeping the parsed events alive as any evaluator must: the difference is the cost
// of the garbage collector moving 100,000 events out of the young generation.
const KEEP = `const fs=require('fs');const k=[];for(const l of fs.readFileSync(process.argv[1],'utf8').split('\\n'))if(l)k.push(JSON.parse(l));`;
const line = (label: string, f: Figure, extra = '') =>
  console.log(`  ${label.padEnd(52)} ${f.wall.toFixed(0).padStart(6)} ms wall ${f.cpu.toFixed(0).padStart(6)} ms cpu${extra ? '  ' + extra : ''}`);
const ratio = (f: Figure, floor: Figure) => `${(f.wall / floor.wall).toFixed(2)}× floor wall, ${(f.cpu / floor.cpu).toFixed(2)}× cpu`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

try {
  console.log(`  load average at start: ${load()} (${os.cpus().length} CPUs)`);
  const node = best(7, ['-e', '']);
  const help = best(7, [bin, '--help']);
  line("node -e ''", node);
  line('rule-studio --help', help, `+${((help.wall - node.wall) / 1000).toFixed(3)} s over node (target ≤ 0.15 s)`);
  const floor = best(5, ['-e', FLOOR, events]);
  line(`read + JSON.parse per line, ${N.toLocaleString('en')} events (floor)`, floor);
  line('the same, keeping the events', best(5, ['-e', KEEP, events]), '');
  for (const query of ['process where process.name == "cmd.exe"', 'process where event.type == "start" and process.name : "power*"']) {
    const f = best(5, [bin, 'eval', '--events', events, '--query', query, '--json']);
    line(`eval ${query.slice(0, 44)}`, f, `${ratio(f, floor)} (target ≤ 1.5×)`);
  }
  console.log('  Python eql (detection-rules): not installable here (no PyPI); issue 16 cites 4.5–6 s for this run');
  console.log(`  load average at end: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
