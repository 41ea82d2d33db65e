/**
 * The benchmark workload, described once and built every way the bench compares: N services, each a Deployment
 * (one container with a named port, two env vars, requests and limits, readiness and liveness probes) and a
 * Service in front of it.
 */
export interface ServiceSpec {
  readonly name: string;
  readonly image: string;
  readonly port: number;
}

export function serviceSpecs(count: number): ServiceSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `svc-${i}`, image: `registry.example.com/team/svc-${i % 50}:1.${i % 7}`, port: 8080 }));
}
