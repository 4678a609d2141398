// Lint rules that hold the architecture: Electron only in the shell and preload, AWS SDK only in collectors,
// no v-html anywhere (AWS text must render inert).
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const electronOnlyIn = ['src/main/shell/**', 'src/main/index.ts', 'src/preload/**', 'tests/electron/**'];
const awsOnlyIn = ['src/main/collect/**', 'tests/emulator/**', 'tests/unit/emulator/**', 'tests/unit/collect/**', 'tests/bench/**'];

export default tseslint.config(
  // The fixture is deliberately insecure Electron code for the Electronegativity gate's own test.
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**', 'tests/unit/build/fixtures/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/attributes-order': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['**/*.{ts,vue}'],
    ignores: electronOnlyIn,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Electron belongs in src/main/shell or src/preload only.' }] }],
    },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    ignores: [...awsOnlyIn, ...electronOnlyIn],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Electron belongs in src/main/shell or src/preload only.' }],
          patterns: [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'AWS calls live in src/main/collect only.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches main only through the typed API.' }],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'better-sqlite3'], message: 'Renderer and shared code run without Node.' },
            { group: ['**/main/**', '@aws-sdk/*'], message: 'Renderer and shared code import only src/shared.' },
          ],
        },
      ],
    },
  },
);
