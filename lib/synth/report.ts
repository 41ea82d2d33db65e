import * as fs from 'fs';
import { Problem } from '../problems';

/**
 * The channel from an app process back to `berth synth`: the CLI sets BERTH_REPORT to a file path and reads the
 * structured problems from it, so it can print them without the app's stack trace and pick the exit code.
 */
export const REPORT_ENV = 'BERTH_REPORT';

export interface SynthReport {
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  /** Lines the targets want printed after a successful synth (for example appc image IDs). */
  readonly messages: readonly string[];
}

export function writeReport(report: SynthReport): boolean {
  const file = process.env[REPORT_ENV];
  if (!file) return false;
  fs.writeFileSync(file, JSON.stringify(report));
  return true;
}

export function readReport(file: string): SynthReport | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SynthReport;
  } catch {
    return undefined;
  }
}
