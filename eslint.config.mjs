import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'data/**', 'coverage/**', '.cache/**', 'server/src/db/generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'admin/src/**/*.{ts,tsx}', 'admin/test/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.jest, API_BASE_URL: 'readonly', defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    rules: reactHooks.configs.recommended.rules
  },
  {
    // Layers a tool enforces: SQL (Kysely values, pg, COPY streams) only in repositories and db/ (types may travel).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*repository.ts', 'server/src/db/**', 'server/src/seed/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'SQL lives in a repository (*repository.ts) or db/; import only types here.', allowTypeImports: true },
            { name: 'pg', message: 'Connections live in db/ and repositories.', allowTypeImports: true },
            { name: 'pg-copy-streams', message: 'COPY lives in repositories.' }
          ]
        }
      ]
    }
  },
  {
    files: ['**/*.cjs', 'babel.config.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
