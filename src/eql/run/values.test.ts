import { describe, expect, it } from 'vitest';
import { javaDoubleToString, javaToString } from './java.ts';
import { compareVersions } from './compare.ts';
import { canonicalIp, cidrContains, parseCidr, parseIp } from './ip.ts';
import { dateParsers, toEpochMillis } from './dates.ts';
import { compileWildcard } from './wildcard.ts';

describe('Java rendering', () => {
  it('prints doubles as Double.toString does', () => {
    expect(javaDoubleToString(1)).toBe('1.0');
    expect(javaDoubleToString(42.5)).toBe('42.5');
    expect(javaDoubleToString(1e10)).toBe('1.0E10');
    expect(javaDoubleToString(1.5e-4)).toBe('1.5E-4');
    expect(javaDoubleToString(1234567.0)).toBe('1234567.0');
    expect(javaToString(3)).toBe('3');
    expect(javaToString(null)).toBe('null');
    expect(javaToString(true)).toBe('true');
  });
});

describe('versions', () => {
  it('sort by semver; invalid versions last', () => {
    const list = ['bad', '1.11.3', '1.2.4-SNAPSHOT', '1.5.0', '1.2.4'];
    expect(list.sort(compareVersions)).toEqual(['1.2.4-SNAPSHOT', '1.2.4', '1.5.0', '1.11.3', 'bad']);
  });
});

describe('ip', () => {
  it('parses and prints IPv4 and IPv6 canonically', () => {
    expect(canonicalIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(canonicalIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonicalIp('nope')).toBeNull();
  });
  it('matches CIDR blocks', () => {
    expect(cidrContains(parseCidr('192.168.0.0/16')!, parseIp('192.168.5.1')!)).toBe(true);
    expect(cidrContains(parseCidr('192.168.0.0/16')!, parseIp('192.169.0.1')!)).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::/32')!, parseIp('2001:db8:1::1')!)).toBe(true);
  });
});

describe('dates', () => {
  it('reads epoch millis, digit strings, ISO (UTC by default) and custom formats', () => {
    expect(toEpochMillis(5)).toBe(5);
    expect(toEpochMillis('1234')).toBe(1234);
    expect(toEpochMillis('1970-01-01T00:00:01Z')).toBe(1000);
    expect(toEpochMillis('1970-01-01T00:00:01')).toBe(1000);
    expect(toEpochMillis('1970-01-01T01:00:00+01:00')).toBe(0);
    expect(toEpochMillis('17-12-2022', dateParsers('dd-MM-yyyy'))).toBe(Date.UTC(2022, 11, 17));
    expect(toEpochMillis('2022-12-17', dateParsers('dd-MM-yyyy'))).toBeNull();
  });
});

describe('wildcards', () => {
  it('match the whole value with * and ?', () => {
    expect(compileWildcard('a*b?d', false)('axxbcd')).toBe(true);
    expect(compileWildcard('a*b?d', false)('axxbd')).toBe(false);
    expect(compileWildcard('*.EXE', true)('cmd.exe')).toBe(true);
    expect(compileWildcard('%*%*', false)('%a%')).toBe(true);
  });
});
