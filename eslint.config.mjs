import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: [
      'electron/**/*.{ts,mjs}',
      'e2e/**/*.{ts,mjs}',
      'server/**/*.{ts,mts}',
      '*.config.*',
      '*.mjs',
      'src/*.config.{ts,mts}',
      '.ci/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='api']", message: 'Only src/platform/ may touch window.api.' },
      ],
    },
  },
  {
    // scripts that run code inside the page (page.evaluate / waitForFunction) use browser globals
    files: ['e2e/**/*.{ts,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/platform/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vue', 'pinia', 'dexie', '@/data/*', '@/stores/*', 'naive-ui'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Domain code takes time as an argument.' }],
    },
  },
  // formatting is Prettier's job (npm run format); turn off the stylistic rules that would fight it
  prettier,
)
