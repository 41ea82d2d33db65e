import type { TextStyle } from '../diff/render';

/**
 * Colour for terminals only: never in CI logs or pipes, and never when NO_COLOR is set (no-color.org). The same
 * colours the diff report is written with.
 */
export type Painter = TextStyle;

export function painter(isTTY: boolean, env: NodeJS.ProcessEnv = process.env): Painter {
  const on = isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}
