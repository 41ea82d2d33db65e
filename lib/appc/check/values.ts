/**
 * The spec's value types (docs/appc.md §1), each a function from a value to a message (undefined = valid). Where
 * actool is looser than the prose (AC Identifier, AC Name, SemVer, image IDs), berth follows the prose.
 */
import { rememberedVerdicts } from '../../validation/verdict-cache';
import { AC_VERSION } from '../spec';

const AC_IDENTIFIER = /^[a-z0-9]+([-._~/][a-z0-9]+)*$/;
const AC_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const IMAGE_ID = /^sha512-[0-9a-f]+$/;
/** The appc copy of the Kubernetes quantity grammar; the prose also lists an uppercase `K`, handled apart. */
const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|K|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
/** RFC 3339 date-time: a `T` and a zone are required; fractions are allowed. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z_0-9.-]*$/;

export function acIdentifier(value: string): string | undefined {
  if (value === '') return 'must not be empty';
  if (AC_IDENTIFIER.test(value)) return undefined;
  if (/[A-Z]/.test(value)) return 'must be an AC Identifier: lowercase letters, digits and "-._~/" (no uppercase)';
  return 'must be an AC Identifier: lowercase letters and digits, separated by single "-", ".", "_", "~" or "/", starting and ending with a letter or digit';
}

export function acName(value: string): string | undefined {
  if (value === '') return 'must not be empty';
  if (AC_NAME.test(value)) return undefined;
  return 'must be an AC Name: lowercase letters and digits separated by single "-" (like a DNS label)';
}

/**
 * The spec version: SemVer 2.0, major 0, no newer than the one berth implements, never 0.0.0. Remembered per value:
 * every manifest of an app has the same one.
 */
export const acVersion = rememberedVerdicts((value: string): string | undefined => {
  const match = SEMVER.exec(value);
  if (!match) return 'must be a SemVer 2.0 version such as "0.8.11" (MAJOR.MINOR.PATCH, no "v", no leading zeros)';
  const [major, minor, patch] = match.slice(1, 4).map(Number);
  if (major === 0 && minor === 0 && patch === 0) return 'must not be 0.0.0';
  const [maxMinor, maxPatch] = AC_VERSION.split('.').slice(1).map(Number);
  if (major !== 0 || minor > maxMinor || (minor === maxMinor && patch > maxPatch)) return `must be a released appc version no newer than ${AC_VERSION}`;
  return undefined;
});

/** `sha512-` and the lowercase hex SHA-512 (128 characters; rkt's 64-character prefix is a warning, see imageIdWarning). */
export function imageId(value: string): string | undefined {
  if (!value.includes('-')) return 'must be "sha512-" followed by the hex digest';
  if (!value.startsWith('sha512-')) return 'must use the sha512 algorithm ("sha512-<hex>"), the only one the spec allows';
  if (!IMAGE_ID.test(value)) return 'must be "sha512-" followed by lowercase hex digits';
  if (value.length - 7 > 128) return 'must have at most 128 hex digits after "sha512-"';
  return undefined;
}

/** A shortened ID is how rkt prints and stores images; executors accept it, but it is not the content hash. */
export function imageIdWarning(value: string): string | undefined {
  return value.length - 7 < 128 ? 'is shorter than the full 128-digit SHA-512: an executor can only match it as a prefix' : undefined;
}

export function quantity(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? undefined : 'must not be negative';
  if (typeof value !== 'string') return 'must be a quantity (a string such as "500m", "128Mi" or a number)';
  if (!QUANTITY.test(value)) return 'must be a quantity such as "500m", "0.5", "128Mi" or "1G"';
  if (value.startsWith('-')) return 'must not be negative';
  return undefined;
}

/** The prose lists `K`; actool 0.8.11 rejects it, so a manifest using it does not run everywhere. */
export function quantityWarning(value: unknown): string | undefined {
  return typeof value === 'string' && /K$/.test(value) ? 'uses the suffix "K", which actool 0.8.11 rejects; write "k" or "Ki"' : undefined;
}

const BINARY_EXPONENTS: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, K: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** A valid quantity's value, remembered per text (an app repeats the same few: `100m`, `128Mi`). */
export function quantityValue(value: string | number): number {
  return typeof value === 'number' ? value : quantityTextValue(value);
}

const quantityTextValue = rememberedVerdicts((value: string): number => {
  const match = /^([+-]?[0-9.]+)(.*)$/.exec(value);
  if (!match) return NaN;
  const base = Number(match[1]);
  const suffix = match[2];
  if (suffix in BINARY_EXPONENTS) return base * 2 ** BINARY_EXPONENTS[suffix];
  if (suffix in DECIMAL_EXPONENTS) return base * 10 ** DECIMAL_EXPONENTS[suffix];
  return base * 10 ** Number(suffix.slice(1));
});

export function rfc3339(value: string): string | undefined {
  const match = RFC3339.exec(value);
  const message = 'must be an RFC 3339 date-time such as "2016-01-02T15:04:05Z" (with "T" and a zone)';
  if (!match) return message;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return message;
  return undefined;
}

export function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be an http or https URL';
  } catch {
    return 'must be an http or https URL';
  }
}

export function envName(value: string): string | undefined {
  return ENV_NAME.test(value) ? undefined : 'must be an environment variable name: a letter or "_", then letters, digits, "_", "." or "-"';
}

export function absolutePath(value: string): string | undefined {
  return value.startsWith('/') ? undefined : 'must be an absolute path';
}

export function ipv4(value: string): string | undefined {
  const parts = value.split('.');
  const ok = parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
  return ok ? undefined : 'must be an IPv4 address in dotted-quad form';
}
