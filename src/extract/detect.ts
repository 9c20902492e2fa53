// Cheap checks on a string before any parsing (after Readability's isProbablyReaderable: its own small file).

/** Does this text look like an HTML document rather than plain text? */
export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<?xml') && head.includes('<html'))) return true;
  const tags = s.slice(0, 20000).match(/<\/?(?:p|div|body|head|span|a|br|article|section|h[1-6])\b[^>]*>/gi);
  return (tags?.length ?? 0) >= 3;
}
