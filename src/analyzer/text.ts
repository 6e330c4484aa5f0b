/**
 * A call's text for messages, with long argument lists elided:
 * `prisma.user.createMany({ data: users.map((u) => ({ name: u.name })) })` → `prisma.user.createMany(…)`.
 */
export function abbreviateCall(text: string, maxArgs = 20): string {
  let out = '';
  let depth = 0;
  let groupStart = -1;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== undefined) {
      const escaped = ch === '\\' ? text.slice(i, i + 2) : ch;
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      if (depth === 0) out += escaped;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      if (depth === 0) out += ch;
      continue;
    }
    if (ch === '(') {
      if (depth === 0) groupStart = i;
      depth++;
      continue;
    }
    if (ch === ')' && depth > 0) {
      depth--;
      if (depth === 0) {
        const inner = text.slice(groupStart + 1, i);
        out += inner.length > maxArgs ? '(…)' : `(${inner})`;
      }
      continue;
    }
    if (depth === 0) out += ch;
  }
  return depth === 0 ? out.replace(/\s+/g, ' ') : text;
}
