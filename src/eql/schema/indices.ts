/**
 * What we know about the fields behind each index pattern of a rule.
 *
 * detection-rules validates a query against ECS + the Beats fields of `*beat-*` patterns + the
 * non-ECS fields of the exact patterns listed + Elastic Defend's process.Ext fields + Endgame for
 * `endgame-*`, and, for integration indices, the integration's own field schema
 * (rule-format.md §6). The integration schemas are not in the data we ship (the upstream file is
 * too large and absent from the reference snapshot), so for those indices we cannot tell an
 * unknown field from a field of the integration: the checks report it as a warning, never as an
 * error. This module decides, per pattern, how much we know.
 */
import type { IndexCoverage } from './types.ts';

/** Marker in `openPrefixes`: any path with a segment that starts with an uppercase letter. */
export const CAPITALIZED_SEGMENT = '<Capitalized>';

interface CoverageRule {
  test: (pattern: string) => boolean;
  level: IndexCoverage['level'];
  openPrefixes: string[];
  note: string;
}

const startsWithAny =
  (...prefixes: string[]) =>
  (p: string) =>
    prefixes.some((x) => p.startsWith(x));

/**
 * Ordered: the first matching rule wins. Only patterns whose non-ECS fields we ship (or which
 * are ECS plus a known, namespaced set of integration fields) are 'complete' or 'partial'.
 */
const RULES: CoverageRule[] = [
  {
    // Elastic Defend: ECS + process.Ext (shipped) + custom `*.Ext.*`, `Endpoint.*`, `Target.*` …
    // fields of the endpoint package, which we do not ship. ECS never capitalizes a segment.
    test: startsWithAny('logs-endpoint.', 'logs-endpoint*', 'metrics-endpoint.'),
    level: 'partial',
    openPrefixes: [CAPITALIZED_SEGMENT],
    note: 'Elastic Defend custom fields (`*.Ext.*`, `Endpoint.*` …) are not in the shipped schema',
  },
  { test: startsWithAny('endgame-'), level: 'complete', openPrefixes: [], note: 'Endgame mapping 8.4.0' },
  {
    test: startsWithAny('winlogbeat-'),
    level: 'partial',
    // Windows event data keys are dynamic: any key an event log carries is mapped.
    openPrefixes: ['winlog.event_data.', 'winlog.user_data.'],
    note: 'winlog.event_data/user_data keys are dynamic',
  },
  { test: startsWithAny('auditbeat-', 'packetbeat-'), level: 'complete', openPrefixes: [], note: 'Beats fields' },
  {
    test: startsWithAny('logs-system.'),
    level: 'partial',
    openPrefixes: ['winlog.', 'system.'],
    note: "the System integration's winlog.* and system.* fields are not in the shipped schema",
  },
  {
    test: startsWithAny('logs-windows.'),
    level: 'partial',
    openPrefixes: ['winlog.', 'powershell.', 'sysmon.'],
    note: "the Windows integration's winlog.*/powershell.* fields are not in the shipped schema",
  },
  {
    test: startsWithAny('logs-auditd_manager.'),
    level: 'partial',
    openPrefixes: ['auditd.'],
    note: "the Auditd Manager integration's auditd.* fields are not in the shipped schema",
  },
];

/** Coverage of one index pattern. Anything not recognised is an integration we cannot vouch for. */
export function indexCoverage(pattern: string): IndexCoverage {
  for (const rule of RULES) {
    if (rule.test(pattern)) return { pattern, level: rule.level, openPrefixes: rule.openPrefixes, note: rule.note };
  }
  const pkg = /^(?:logs|metrics)-([a-z0-9_]+)/.exec(pattern)?.[1];
  return {
    pattern,
    level: 'unknown',
    openPrefixes: [],
    note: pkg ? `the field schema of the ${pkg} integration is not shipped` : `the fields of index pattern ${pattern} are not known`,
  };
}

/**
 * Coverage of a `metadata.integration` package: detection-rules validates against that
 * package's field schema, which we only know for the ECS-based ones recognised above.
 */
export function integrationCoverage(pkg: string): IndexCoverage {
  return { ...indexCoverage(`logs-${pkg}.*`), pattern: `integration:${pkg}` };
}

/** Which Beats field sets a pattern brings in (as detection-rules does for `*beat-*`). */
export function beatOf(pattern: string): 'auditbeat' | 'winlogbeat' | 'packetbeat' | 'filebeat' | null {
  const m = /^(auditbeat|winlogbeat|packetbeat|filebeat)-/.exec(pattern);
  return m ? (m[1] as 'auditbeat' | 'winlogbeat' | 'packetbeat' | 'filebeat') : null;
}

export function isUnderOpenPrefix(name: string, coverage: IndexCoverage): boolean {
  for (const prefix of coverage.openPrefixes) {
    if (prefix === CAPITALIZED_SEGMENT) {
      if (name.split('.').some((s) => /^[A-Z]/.test(s))) return true;
    } else if (name.startsWith(prefix)) {
      return true;
    }
  }
  return false;
}
