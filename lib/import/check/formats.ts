import { isIP } from 'net';

/**
 * The string formats the API server checks (kube-openapi's strfmt registry) that a value can get wrong in a way a
 * reader would recognise; any other format (`int32`, `duration`, `password`, ...) is accepted as it is, as the API
 * server accepts formats it does not know.
 */
const FORMATS: Record<string, { readonly test: (value: string) => boolean; readonly expected: string }> = {
  'date-time': { test: (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v.slice(0, 10))), expected: 'an RFC 3339 date-time such as "2024-05-01T12:00:00Z"' },
  date: { test: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), expected: 'a date such as "2024-05-01"' },
  // Go's decoder skips line breaks
  byte: { test: (v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v.replace(/[\r\n]/g, '')), expected: 'base64-encoded data' },
  uuid: { test: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v), expected: 'a UUID' },
  ipv4: { test: (v) => isIP(v) === 4, expected: 'an IPv4 address such as "10.0.0.1"' },
  ipv6: { test: (v) => isIP(v) === 6, expected: 'an IPv6 address such as "fd00::1"' },
  cidr: { test: isCidr, expected: 'a CIDR such as "10.0.0.0/16"' },
};

/** RFC 3339 and the shorter ISO 8601 forms strfmt also parses (no seconds, no zone): a false alarm costs more than a miss. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** What the value should have been, or undefined when it has the format (or the format is not checked). */
export function checkFormat(format: string, value: string): string | undefined {
  const known = FORMATS[format];
  return known && !known.test(value) ? known.expected : undefined;
}

function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const version = isIP(value.slice(0, slash));
  const bits = value.slice(slash + 1);
  return version !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}
