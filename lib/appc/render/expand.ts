/**
 * Kubernetes expands `$(VAR)` in command, args and env values from the container's earlier variables; appc does
 * no substitution at all, so berth expands at synth time. `$$(VAR)` escapes to a literal `$(VAR)`; a reference to
 * an unknown variable is left as written (the kubelet does the same).
 */
export function expandVariables(text: string, variables: ReadonlyMap<string, string>): { readonly text: string; readonly unresolved: readonly string[] } {
  const unresolved: string[] = [];
  const out = text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    const value = variables.get(name!);
    if (value === undefined) {
      unresolved.push(name!);
      return match;
    }
    return value;
  });
  return { text: out, unresolved };
}
