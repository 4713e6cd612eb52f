/** Deterministic conversation text: user turns ~200 characters, assistant turns ~600. */
export function historyMessages(count: number): Array<{ role: 'user' | 'assistant'; content: string }> {
  const words = [
    'the',
    'lantern',
    'swung',
    'over',
    'a',
    'quiet',
    'harbour',
    'while',
    'she',
    'counted',
    'ships',
    'and',
    'stars',
  ];
  const text = (seed: number, chars: number): string => {
    let s = '';
    for (let i = seed; s.length < chars; i += 7) s += `${words[i % words.length]} `;
    return s.trim();
  };
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { role: 'user' as const, content: text(i, 200) }
      : { role: 'assistant' as const, content: text(i, 600) },
  );
}
