import { rememberedVerdicts } from '../../../lib/validation/verdict-cache';

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
