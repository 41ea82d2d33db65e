import { rememberedPairs, rememberedVerdicts } from '../../../lib/validation/verdict-cache';

describe('rememberedVerdicts', () => {
  test('checks each value once, remembering undefined verdicts too, and starts over past its limit', () => {
    const checked: string[] = [];
    const check = rememberedVerdicts((value: string) => {
      checked.push(value);
      return value.startsWith('x') ? 'must not start with x' : undefined;
    }, 3);
    expect(['a', 'xb', 'a', 'xb', 'c'].map(check)).toEqual([undefined, 'must not start with x', undefined, 'must not start with x', undefined]);
    expect(checked).toEqual(['a', 'xb', 'c']);
    check('d'); // the fourth value: the memory starts over
    check('a');
    expect(checked).toEqual(['a', 'xb', 'c', 'd', 'a']);
  });
});

describe('rememberedPairs', () => {
  test('computes each pair once, keeps pairs with a shared first string apart, and starts over past its limit', () => {
    const computed: string[] = [];
    const joined = rememberedPairs((a: string, b: string) => {
      computed.push(`${a}+${b}`);
      return `${a}.${b}`;
    }, 3);
    expect([joined('a', 'x'), joined('a', 'y'), joined('a', 'x'), joined('b', 'x'), joined('a', 'y')]).toEqual(['a.x', 'a.y', 'a.x', 'b.x', 'a.y']);
    expect(computed).toEqual(['a+x', 'a+y', 'b+x']);
    joined('c', 'x'); // the fourth pair: the memory starts over
    joined('a', 'x');
    expect(computed).toEqual(['a+x', 'a+y', 'b+x', 'c+x', 'a+x']);
  });

  test('remembers undefined results too', () => {
    let calls = 0;
    const none = rememberedPairs(() => {
      calls++;
      return undefined;
    });
    none('a', 'b');
    none('a', 'b');
    expect(calls).toBe(1);
  });
});
