/** Labels and annotations: the name/value lists every manifest uses (docs/appc.md §1). */
import { VALID_OS_ARCH } from '../spec';
import { Reporter } from './issues';
import { checkWith, readList, readObject, readString, reportUnknownKeys } from './shape';
import { acIdentifier, httpUrl, rfc3339 } from './values';

/** A Labels list: unique AC Identifier names other than "name", and a known os/arch pair. */
export function checkLabels(r: Reporter, value: unknown): void {
  const list = readList(r, value);
  if (!list) return;
  const seen = new Set<string>();
  // the last os and arch labels, where they are: the pair is checked once the list is read
  let os: { value: string; at: Reporter } | undefined;
  let arch: { value: string; at: Reporter } | undefined;
  list.forEach((item, i) => {
    const at = r.at(i);
    const label = readObject(at, item, { required: true });
    if (!label) return;
    reportUnknownKeys(at, label, ['name', 'value']);
    const nameAt = at.at('name');
    const name = readString(nameAt, label.name, { required: true });
    const text = readString(at.at('value'), label.value, { required: true });
    if (name === undefined) return;
    if (!checkWith(nameAt, name, acIdentifier)) return;
    if (name === 'name') nameAt.error('must not be "name": the image name is not a label', name);
    if (seen.has(name)) nameAt.error('must be unique: this label is already set', name);
    seen.add(name);
    if (text === undefined) return;
    if (name === 'os') os = { value: text, at: at.at('value') };
    if (name === 'arch') arch = { value: text, at: at.at('value') };
  });
  if (os) {
    const arches = VALID_OS_ARCH[os.value];
    if (!arches) os.at.error(`must be one of ${Object.keys(VALID_OS_ARCH).join(', ')}`, os.value);
    else if (arch && !arches.includes(arch.value)) arch.at.error(`must be one of ${arches.join(', ')} for os "${os.value}"${hint(arch.value)}`, arch.value);
  } else if (arch) {
    arch.at.warn('is set without an "os" label, so it cannot be checked and matches images of any os', arch.value);
  }
}

function hint(arch: string): string {
  const goNames: Record<string, string> = { arm64: 'aarch64', '386': 'i386', arm: 'armv7l' };
  return goNames[arch] ? ` (appc spells it "${goNames[arch]}")` : '';
}

/** An Annotations list: unique AC Identifier names; `created`, `homepage`, `documentation` have fixed formats. */
export function checkAnnotations(r: Reporter, value: unknown): void {
  const list = readList(r, value);
  if (!list) return;
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const at = r.at(i);
    const annotation = readObject(at, item, { required: true });
    if (!annotation) return;
    reportUnknownKeys(at, annotation, ['name', 'value']);
    const name = readString(at.at('name'), annotation.name, { required: true });
    const text = readString(at.at('value'), annotation.value, { required: true });
    if (name === undefined || !checkWith(at.at('name'), name, acIdentifier)) return;
    if (seen.has(name)) at.at('name').error('must be unique: this annotation is already set', name);
    seen.add(name);
    if (text === undefined) return;
    if (name === 'created') checkWith(at.at('value'), text, rfc3339);
    if (name === 'homepage' || name === 'documentation') checkWith(at.at('value'), text, httpUrl);
  });
}
