import * as fs from 'fs';
import * as path from 'path';
import { diffObjects } from '../../lib/diff/engine';
import { loadObjects } from '../../lib/diff/load';
import { formatText } from '../../lib/diff/render';
import { writeDiffInputs } from '../diff-inputs';
import { Measurement } from './index';

/** The offline diff without process startup: read both files, compare, format the text report (as for a pipe). */
export const diff: Measurement = ({ n }, scratch) => {
  const files = writeDiffInputs(scratch, n);
  const plain = (text: string) => text;
  return (outdir) => {
    const report = diffObjects(loadObjects([files.desired], outdir), loadObjects([files.live], outdir));
    fs.writeFileSync(path.join(outdir, 'diff.txt'), formatText(report, { style: { red: plain, green: plain, yellow: plain, bold: plain, dim: plain } }));
    return report.objects.length;
  };
};
