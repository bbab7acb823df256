// The calendar day in China. Every policy date here (a publicity period's last day,
// an appointment deadline, an expert's term) is a day on the wall calendar in
// Xinjiang's offices, which keep Beijing time; the server clock is an instant.
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in China (Asia/Shanghai, UTC+8) at an instant: 2025-03-01T17:00:00Z is 2025-03-02 there. */
export function chinaToday(instant: string | Date): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a time: ${String(instant)}`);
  return CHINA_DATE.format(at);
}
