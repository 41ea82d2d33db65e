/**
 * Kubernetes name and label grammar (apimachinery's validation package), as predicates that return the reason a
 * value is rejected, or undefined when it is fine. Callers turn the reason into a Problem with their own field path.
 */
import { rememberedVerdicts } from './verdict-cache';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function dns1123Label(value: string): string | undefined {
  if (value.length > 63) return 'must be at most 63 characters';
  if (!DNS1123_LABEL.test(value)) return 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
  return undefined;
}

export function dns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return 'must be at most 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) return 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  return undefined;
}

export function dns1035Label(value: string): string | undefined {
  if (value.length > 63) return 'must be at most 63 characters';
  if (!DNS1035_LABEL.test(value)) return 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
  return undefined;
}

/** A label or annotation key: an optional DNS-1123 subdomain prefix and "/", then a name of at most 63 characters. */
export const qualifiedName = rememberedVerdicts((value: string): string | undefined => {
  const parts = value.split('/');
  if (parts.length > 2) return 'must be a qualified name: an optional DNS subdomain prefix and "/", then a name';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'must not have an empty prefix before "/"';
    const bad = dns1123Subdomain(prefix);
    if (bad) return `prefix ${bad}`;
  }
  if (name.length === 0) return 'must have a name part';
  if (name.length > 63) return 'name part must be at most 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return 'name part must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
});

export function labelValue(value: string): string | undefined {
  if (value.length > 63) return 'must be at most 63 characters';
  if (!LABEL_VALUE.test(value)) return 'must be empty or letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** A named port: IANA service name rules (at most 15 characters, at least one letter, no "--"). */
export function portName(value: string): string | undefined {
  if (value.length === 0 || value.length > 15) return 'must be 1 to 15 characters';
  if (!IANA_SVC_NAME.test(value)) return 'must be lowercase letters, digits and "-", starting and ending with a letter or digit';
  if (value.includes('--')) return 'must not contain "--"';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  return undefined;
}

export function envVarName(value: string): string | undefined {
  if (!ENV_VAR_NAME.test(value)) return 'must be a C identifier-like name: letters, digits, "_", "-" and ".", not starting with a digit';
  return undefined;
}

export function portNumber(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) return 'must be an integer from 1 to 65535';
  return undefined;
}

/** Turns any text into a DNS-1123 label fragment, for the fix suggested next to a bad name. */
export function toDnsLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
