// Today's date as the studio's users mean it (the browser's local calendar day),
// in the ISO form the engine and server use.
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
