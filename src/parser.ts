import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';

type ParserModule = Extract<TSESLint.FlatConfig.Parser, { parseForESLint: unknown }>;

const requireHere = createRequire(import.meta.url);

/**
 * `@typescript-eslint/parser`, loaded on the first parse rather than when the plugin is imported:
 * `typescript` is an optional peer, and JavaScript-only users of `recommended` must not need it.
 */
export const typescriptParser: ParserModule = {
  meta: {
    name: 'typescript-eslint/parser',
    // A getter, so only ESLint's cache key (not the import) reads the parser's package.json.
    get version(): string {
      return (requireHere('@typescript-eslint/parser/package.json') as { version: string }).version;
    },
  },
  parseForESLint(code, options) {
    // Node caches the module: later calls are a lookup.
    return (requireHere('@typescript-eslint/parser') as ParserModule).parseForESLint(code, options);
  },
};
