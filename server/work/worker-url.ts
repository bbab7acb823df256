// The URL a worker thread starts from. Compiled JavaScript: the entry's .js file
// beside the module that starts it. TypeScript sources (tsx in development, vitest
// in tests): a worker does not inherit the parent's loader, so it starts from a
// small module that registers tsx and then imports the .ts entry.
export function workerEntryUrl(entry: string, base: string): URL {
  const compiled = !base.endsWith('.ts');
  const url = new URL(compiled ? `${entry}.js` : `${entry}.ts`, base);
  if (compiled) return url;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(url.href)});`;
  return new URL('data:text/javascript,' + encodeURIComponent(boot));
}
