import { parseQuantity, quantity } from '../../../lib/validation/quantity';

describe('quantity', () => {
  test.each<[string | number, number]>([
    ['100m', 0.1],
    ['1', 1],
    ['1000m', 1],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1Ki', 1024],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['2e3', 2000],
    ['1E', 1e18],
    ['10n', 1e-8],
    [3, 3],
  ])('parses %p', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  test.each(['100MB', '1.2.3', 'm', '', 'Gi', '1 Gi', '1gi', '-1'])('rejects %p', (text) => {
    expect(quantity(text)).toBeDefined();
  });
});
