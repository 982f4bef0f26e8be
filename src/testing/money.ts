/** Money as integer cents inside the fake, decimal strings with two places on the wire. */

export function formatCents(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  const sign = cents < 0 && abs !== 0 ? '-' : '';
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Exact parse of a decimal string such as "-4.37" (no float rounding surprises). */
export function parseCents(value: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new Error(`not a money string: ${value}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}
