import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { APPLYSET_LABEL, defaultApplysetId } from '../../lib/diff/applyset';
import { plainObjects } from '../workloads/plain';
import { serviceSpecs } from '../workloads/spec';
import { Measurement } from './index';

/** The objects berth writes, its applyset label included (so the YAML is byte for byte berth's), with no framework. */
function plain(file: string, serialize: (objects: object[]) => string): Measurement {
  return ({ n }) => {
    const specs = serviceSpecs(n);
    const labels = { [APPLYSET_LABEL]: defaultApplysetId() };
    return (outdir) => fs.writeFileSync(path.join(outdir, file), serialize(plainObjects(specs, labels)));
  };
}

export const yaml = plain('bench.k8s.yaml', (objects) => Yaml.stringify(...objects));
export const json = plain('bench.json', (objects) => JSON.stringify(objects));
