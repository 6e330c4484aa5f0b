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

export const createRule = ESLintUtils.RuleCreator<OrmRuleDocs>(docsUrl);
