/**
 * Deterministic, realistic ECS events for benchmarks: process/network/file/authentication
 * activity over a few hundred hosts, with nested objects, arrays (event.type, process.args,
 * event.category sometimes multi-valued) and increasing ISO timestamps with jitter (so sorting
 * has work to do). Seeded, so every run measures the same data.
 */

/** mulberry32: a tiny seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROCESSES = [
  'cmd.exe',
  'powershell.exe',
  'explorer.exe',
  'svchost.exe',
  'chrome.exe',
  'bash',
  'sshd',
  'python3',
  'curl',
  'rundll32.exe',
  'regsvr32.exe',
  'wmic.exe',
];
const USERS = ['alice', 'bob', 'carol', 'dave', 'SYSTEM', 'root', 'www-data'];
const EXT = ['exe', 'dll', 'ps1', 'txt', 'log', 'sh', 'py'];

export function generateEvents(count: number, seed = 42): object[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const hosts = Array.from({ length: 300 }, (_, i) => ({
    id: `host-${i.toString(36).padStart(4, '0')}`,
    name: `ws-${i}`,
    os: { family: i % 3 === 0 ? 'linux' : 'windows' },
  }));
  const events: object[] = [];
  let t = Date.UTC(2024, 0, 1);
  // A few live processes per host, so sequences by entity id find partners.
  const live = new Map<string, { entity: string; pid: number; name: string }[]>();
  for (let i = 0; i < count; i++) {
    t += Math.floor(rnd() * 20);
    const jitter = Math.floor(rnd() * 50) - 25; // slightly out of order input
    const host = pick(hosts);
    let procs = live.get(host.id);
    if (!procs) live.set(host.id, (procs = []));
    const r = rnd();
    const base = {
      '@timestamp': new Date(t + jitter).toISOString(),
      host,
      agent: { type: 'endpoint', version: '8.12.0' },
      user: { name: pick(USERS), domain: 'CORP' },
    };
    if (r < 0.3 || procs.length === 0) {
      const name = pick(PROCESSES);
      const pid = 1000 + Math.floor(rnd() * 60000);
      const entity = `${host.id}-${pid}-${i}`;
      procs.push({ entity, pid, name });
      if (procs.length > 6) procs.shift();
      events.push({
        ...base,
        event: { category: ['process'], type: ['start'], action: 'exec', kind: 'event' },
        process: {
          pid,
          name,
          entity_id: entity,
          executable: `C:\\Windows\\System32\\${name}`,
          args: [name, rnd() < 0.5 ? '/c' : '-enc', `arg${Math.floor(rnd() * 100)}`],
          parent: { pid: 4 + Math.floor(rnd() * 1000), name: pick(PROCESSES) },
        },
      });
      continue;
    }
    const p = pick(procs);
    const process = { pid: p.pid, name: p.name, entity_id: p.entity };
    if (r < 0.55) {
      events.push({
        ...base,
        event: { category: ['network'], type: ['connection', 'start'], action: 'connection_attempted' },
        process,
        source: { ip: `10.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`, port: 1024 + Math.floor(rnd() * 60000) },
        destination: { ip: `172.16.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`, port: pick([22, 80, 443, 445, 3389, 8080]) },
      });
    } else if (r < 0.8) {
      const ext = pick(EXT);
      events.push({
        ...base,
        event: { category: 'file', type: ['creation'], action: 'creation' },
        process,
        file: {
          path: `C:\\Users\\${base.user.name}\\AppData\\Local\\Temp\\f${Math.floor(rnd() * 1e6)}.${ext}`,
          name: `f.${ext}`,
          extension: ext,
          size: Math.floor(rnd() * 1e6),
        },
      });
    } else if (r < 0.92) {
      events.push({ ...base, event: { category: ['process'], type: ['end'], action: 'end' }, process: { ...process, exit_code: rnd() < 0.9 ? 0 : 1 } });
      procs.splice(procs.indexOf(p), 1);
    } else {
      events.push({
        ...base,
        event: { category: ['authentication'], type: ['start'], outcome: rnd() < 0.8 ? 'success' : 'failure' },
        source: { ip: '192.168.1.' + Math.floor(rnd() * 255) },
      });
    }
  }
  return events;
}
