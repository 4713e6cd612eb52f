/** Summary statistics of a sample, in the sample's own unit. */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending-sorted array; NaN for an empty one. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return {
    n: sorted.length,
    mean: sorted.length ? sum / sorted.length : NaN,
    p50: percentileSorted(sorted, 50),
    p90: percentileSorted(sorted, 90),
    p99: percentileSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

export function median(values: number[]): number {
  return percentileSorted(Float64Array.from(values).sort(), 50);
}

/** A growable pair of columns of numbers, without an object per sample. */
export class SampleColumns {
  private a: Float64Array;
  private b: Float64Array;
  private tag: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.tag = new Uint8Array(capacity);
  }

  push(a: number, b: number, tag = 0): void {
    if (this.length === this.a.length) {
      const grow = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
        const next = make(old.length * 2);
        next.set(old);
        return next;
      };
      this.a = grow(this.a, (n) => new Float64Array(n));
      this.b = grow(this.b, (n) => new Float64Array(n));
      this.tag = grow(this.tag, (n) => new Uint8Array(n));
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.tag[this.length] = tag;
    this.length++;
  }

  /** Column b of the rows whose column a is within [from, to] (and whose tag matches, if given). */
  selectB(from: number, to: number, tag?: number): Float64Array {
    const out = new Float64Array(this.length);
    let n = 0;
    for (let i = 0; i < this.length; i++) {
      if (this.a[i] >= from && this.a[i] <= to && (tag === undefined || this.tag[i] === tag)) out[n++] = this.b[i];
    }
    return out.subarray(0, n);
  }
}
