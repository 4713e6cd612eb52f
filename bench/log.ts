/** The bench's progress lines, each stamped with the time of day. */
export const log = (...parts: unknown[]): void =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
