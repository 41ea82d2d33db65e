import { rememberedVerdicts } from './verdict-cache';

/**
 * Kubernetes resource quantities (`100m`, `1Gi`, `1.5`, `2e3`), parsed to exact values so that requests can be
 * compared with limits and the diff can tell `1000m` and `1` apart from a real change.
 */
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The value of a quantity as a number (exact for every quantity a pod spec realistically holds), or undefined. */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return parseQuantityText(value);
}

const parseQuantityText = rememberedVerdicts((value: string): number | undefined => {
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const [, digits, suffix = ''] = match;
  const base = Number(digits);
  if (suffix in BINARY) return base * BINARY[suffix];
  if (suffix in DECIMAL) return base * 10 ** DECIMAL[suffix];
  return base * 10 ** Number(suffix.slice(1));
});

export function quantity(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return 'must be a quantity such as "100m", "0.5", "128Mi" or "1G"';
  const parsed = parseQuantity(value);
  if (parsed === undefined) return 'must be a quantity such as "100m", "0.5", "128Mi" or "1G"';
  if (parsed < 0) return 'must not be negative';
  return undefined;
}
