/** The members of a synthesized cluster, read the way the StatefulSet controller and the kubelet would make them. */
import { argv, ContainerJson, PodSpecJson, resolveEnv, VolumeJson } from './kubelet';

/** One member as the kubelet would run it, before this machine's mapping. */
export interface MemberSpec {
  readonly name: string;
  /** `<hostname>.<subdomain>`: what other pods reach it by (DNS search paths append the rest). */
  readonly dnsPrefix: string;
  readonly container: ContainerJson;
  readonly env: ReadonlyMap<string, string>;
  readonly argv: readonly string[];
  readonly volumes: readonly VolumeJson[];
}

interface StatefulSetJson {
  metadata: { name: string; namespace?: string };
  spec: { replicas: number; serviceName: string; template: { spec: PodSpecJson }; volumeClaimTemplates?: Array<{ metadata: { name: string } }> };
}

/** The members a StatefulSet creates: pod `<set>-<i>`, hostname = pod name, subdomain = serviceName, one claim per template. */
export function membersOfStatefulSet(object: unknown, namespace = 'default'): MemberSpec[] {
  const sts = object as StatefulSetJson;
  return Array.from({ length: sts.spec.replicas }, (_, i) => {
    const name = `${sts.metadata.name}-${i}`;
    const spec = sts.spec.template.spec;
    const claims = (sts.spec.volumeClaimTemplates ?? []).map((t): VolumeJson => ({ name: t.metadata.name, persistentVolumeClaim: { claimName: `${t.metadata.name}-${name}` } }));
    return member(name, `${name}.${sts.spec.serviceName}`, { ...spec, volumes: [...(spec.volumes ?? []), ...claims] }, { name, namespace: sts.metadata.namespace ?? namespace });
  });
}

/** Members given as whole pods (an IPodSource's pods): they must carry hostname and subdomain. */
export function membersOfPods(pods: ReadonlyArray<{ name: string; spec: PodSpecJson }>, namespace = 'default'): MemberSpec[] {
  return pods.map((pod) => {
    if (!pod.spec.hostname || !pod.spec.subdomain) throw new Error(`pod ${pod.name} has no hostname.subdomain to be reached by`);
    return member(pod.name, `${pod.spec.hostname}.${pod.spec.subdomain}`, pod.spec, { name: pod.name, namespace });
  });
}

function member(name: string, dnsPrefix: string, spec: PodSpecJson, identity: { name: string; namespace: string }): MemberSpec {
  const container = spec.containers.find((c) => c.name === 'etcd') ?? spec.containers[0];
  const env = resolveEnv(container, identity);
  return { name, dnsPrefix, container, env, argv: argv(container, env), volumes: spec.volumes ?? [] };
}
