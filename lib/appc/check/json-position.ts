/**
 * Where JSON text stops being JSON, and which keys it repeats. Node's JSON.parse does not always say (Node 20 often reports only the token),
 * so on a syntax error this small recursive-descent scanner finds the offset of the first bad character.
 */
export function syntaxErrorOffset(text: string): number {
  return scan(text).errorOffset;
}

/**
 * JSON paths of keys that appear twice in one object. JSON.parse keeps the last silently; Go's decoder (actool, rkt)
 * also keeps the last but validates each, so two readers can disagree on what a manifest says.
 */
export function duplicateKeys(text: string): string[] {
  return scan(text).duplicates;
}

function scan(text: string): { errorOffset: number; duplicates: string[] } {
  const duplicates: string[] = [];
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail();
    i += match![0].length;
  };
  const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      const keys = new Set<string>();
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = string();
        if (keys.has(key)) duplicates.push(join(path, key));
        keys.add(key);
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(join(path, key));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let index = 0; ; index++) {
        value(join(path, index));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return void string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value('');
    ws();
    return { errorOffset: i < text.length ? i : -1, duplicates };
  } catch (offset) {
    return { errorOffset: offset as number, duplicates };
  }
}
