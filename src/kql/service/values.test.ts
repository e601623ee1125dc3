import { describe, expect, it } from 'vitest';
import { isDateValue, isIpValue, isNumberValue, valueFitsFamily } from './values.ts';

describe('values Elasticsearch parses per field type', () => {
  // Numeric fields parse the string Kibana sends (https://www.elastic.co/guide/en/elasticsearch/reference/current/number.html).
  it.each(['4', '-4', '+4', '0.5', '.3', '070', '1e3', '2.5E-2'])('%s is a number', (v) => expect(isNumberValue(v)).toBe(true));
  it.each(['abc', '4a', '', '1,000', '0x10', '--1'])('%j is not a number', (v) => expect(isNumberValue(v)).toBe(false));

  // ip fields take IPv4/IPv6 and, in term queries, CIDR blocks (https://www.elastic.co/guide/en/elasticsearch/reference/current/ip.html).
  it.each(['10.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8'])('%s is an ip', (v) =>
    expect(isIpValue(v, false)).toBe(true),
  );
  it.each(['256.0.0.1', '10.0.0', 'not an ip', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '10.0.0.1.2'])('%s is not an ip', (v) =>
    expect(isIpValue(v, true)).toBe(false),
  );
  it('takes CIDR only where the value is matched (term), not as a range bound', () => {
    expect(isIpValue('192.168.0.0/16', true)).toBe(true);
    expect(isIpValue('2001:db8::/32', true)).toBe(true);
    expect(isIpValue('192.168.0.0/33', true)).toBe(false);
    expect(isIpValue('192.168.0.0/16', false)).toBe(false);
  });

  // Dates: strict_date_optional_time||epoch_millis plus date math
  // (https://www.elastic.co/guide/en/elasticsearch/reference/current/common-options.html#date-math).
  it.each([
    '2024-01-31',
    '2024-01',
    '2024',
    '2024-01-31T10:00:00Z',
    '2024-01-31T10:00:00.123+02:00',
    '1700000000000',
    'now',
    'now-1d/d',
    'now+1h',
    '2024-01-01||+1M/d',
  ])('%s is a date', (v) => expect(isDateValue(v)).toBe(true));
  it.each(['yesterday', '2024-13-01', '2024-01-31 10:00', 'now-1x', 'now-d', 'abc||+1d'])('%s is not a date', (v) => expect(isDateValue(v)).toBe(false));

  // Boolean fields take true/false and "" (https://www.elastic.co/guide/en/elasticsearch/reference/current/boolean.html).
  it('booleans: the parsed literal, the strings "true"/"false" and the empty string', () => {
    expect(valueFitsFamily(true, 'boolean', true)).toBe(true);
    expect(valueFitsFamily('false', 'boolean', true)).toBe(true);
    expect(valueFitsFamily('', 'boolean', true)).toBe(true);
    expect(valueFitsFamily('yes', 'boolean', true)).toBe(false);
    expect(valueFitsFamily(true, 'number', true)).toBe(false);
  });
});
