// ESLint (flat config): typescript-eslint's strict rule set over the TypeScript sources, tests,
// benchmarks and scripts. `npm test` runs it (`npm run lint`). Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'web/dist/', 'node_modules/', 'test/fixtures/', 'coverage/', 'bench/.work/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // With noUncheckedIndexedAccess, `x[i]!` after a bounds or `has` check is the idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // TypeScript resolves names in .ts files; the few .mjs scripts run on Node only.
      'no-undef': 'off',
      // Detecting and stripping control characters in untrusted text is part of the job.
      'no-control-regex': 'off',
      'prefer-const': ['error', { destructuring: 'all' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests mutate raw registry JSON freely.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
