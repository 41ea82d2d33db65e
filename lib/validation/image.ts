/**
 * Container image references, following the grammar of distribution/reference (what docker, containerd and the
 * kubelet parse): `[domain[:port]/]path[:tag][@digest]`, path components lowercase.
 */
import { rememberedVerdicts } from './verdict-cache';

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

export interface ImageReference {
  /** Repository, with its registry domain when one was given: `redis`, `gcr.io/google_samples/gb-frontend`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImageReference(value: string): ImageReference | undefined {
  const match = REFERENCE.exec(value);
  if (!match || match[1].length > 255) return undefined;
  return { repository: match[1], ...(match[2] ? { tag: match[2] } : {}), ...(match[3] ? { digest: match[3] } : {}) };
}

export const imageReference = rememberedVerdicts((value: string): string | undefined => {
  if (value.trim() === '') return 'must not be empty';
  if (value !== value.trim()) return 'must not have leading or trailing spaces';
  if (parseImageReference(value)) return undefined;
  if (parseImageReference(value.toLowerCase())) return 'must have a lowercase repository name';
  return 'must be an image reference: [registry/]name[:tag][@digest]';
});
