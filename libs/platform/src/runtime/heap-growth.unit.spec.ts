import { boundHeapGrowth, HEAP_GROWING_PERCENT } from './heap-growth';

describe('bounding how far the heap grows between full collections', () => {
  it('sets the bound when the process was started without one', () => {
    const set: string[] = [];
    expect(boundHeapGrowth(['--max-semi-space-size=4'], (flags) => set.push(flags))).toBe(HEAP_GROWING_PERCENT);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it.each([['--heap-growing-percent=300'], ['--heap_growing_percent=300']])('keeps what the process was started with (%s)', (given) => {
    const set: string[] = [];
    expect(boundHeapGrowth([given], (flags) => set.push(flags))).toBe(300);
    expect(set).toEqual([]);
  });

  it('answers null for a value given in a form it cannot read, and still leaves it alone', () => {
    const set: string[] = [];
    expect(boundHeapGrowth(['--heap-growing-percent'], (flags) => set.push(flags))).toBeNull();
    expect(set).toEqual([]);
  });
});
