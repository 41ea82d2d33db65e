import * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';

export interface ChartProps extends cdk8s.ChartProps {}

/**
 * A chart: one output file (`<chart>.k8s.yaml`) and a default namespace and labels for the objects below it.
 * It is cdk8s's Chart, so cdk8s and cdk8s-plus constructs can share it with berth's.
 */
export class Chart extends cdk8s.Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
  }
}
