import { ESLintUtils } from '@typescript-eslint/utils';

export interface OrmRuleDocs {
  description: string;
  /** The preset that enables the rule; rules without it are only in `all`. */
  recommended?: 'recommended' | 'strict';
  /** Options the `strict` and `all` presets pass to a rule (checks too noisy for `recommended`). */
  strictOptions?: readonly Record<string, unknown>[];
  requiresTypeChecking?: boolean;
}

export const REPO_URL = 'https://github.com/eslint-plugin-orm/eslint-plugin-orm';

export function docsUrl(name: string): string {
  return `${REPO_URL}/blob/main/docs/rules/${name}.md`;
}

const createNamedRule = ESLintUtils.RuleCreator<OrmRuleDocs>(docsUrl);

/**
 * `ESLintUtils.RuleCreator` with the docs URL, minus a per-file cost: its `create` structuredClones
 * and deep-merges `meta.defaultOptions` into the options for every rule on every file, which made
 * most of the plugin's cost on files that touch no ORM (`npm run bench`). ESLint ≥ 9.15 has already
 * merged `meta.defaultOptions` into `context.options`, so those are passed on as they are; only when
 * a default is missing (older ESLint) does typescript-eslint's merge run.
 */
export const createRule: typeof createNamedRule = (rule) => {
  const created = createNamedRule(rule);
  const defaults: readonly unknown[] = rule.meta.defaultOptions ?? [];
  return {
    ...created,
    create(context) {
      return hasEveryDefault(defaults, context.options) ? rule.create(context, context.options) : created.create(context);
    },
  };
};

/**
 * Whether merging `defaults` into `options` (typescript-eslint's `applyDefault`: per position, plain
 * objects deep-merged, anything else taken from the options) would give `options` back unchanged.
 */
function hasEveryDefault(defaults: readonly unknown[], options: readonly unknown[]): boolean {
  return defaults.every((value, i) => options[i] !== undefined && (!isPlainObject(value) || !isPlainObject(options[i]) || hasEveryKey(value, options[i])));
}

function hasEveryKey(defaults: Record<string, unknown>, options: Record<string, unknown>): boolean {
  for (const key of Object.keys(defaults)) {
    if (!(key in options)) return false;
    const value = defaults[key];
    const given = options[key];
    if (isPlainObject(value) && isPlainObject(given) && !hasEveryKey(value, given)) return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
