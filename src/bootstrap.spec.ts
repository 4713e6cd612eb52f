import { describe, expect, it } from '@jest/globals';
import { nestingDepth } from './bootstrap';

describe('nestingDepth', () => {
  it('counts the nesting of parsed JSON, up to the limit', () => {
    expect(nestingDepth({ a: { b: [1] } }, 32)).toBe(3);
    expect(nestingDepth('x', 32)).toBe(0);
  });

  it('counts a Buffer body (a card PNG) as flat, without walking its bytes', () => {
    expect(nestingDepth(Buffer.alloc(20 * 1024 * 1024), 32)).toBe(0);
  });
});
