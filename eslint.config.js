// One linter for the whole tree. The house-style bans live here: nothing under sim/ may read
// wall-clock time, real timers or unseeded randomness, and imports flow one way through the
// layers core <- pcep <- session <- net <- topology <- te <- nodes <- discovery <- scenario <- cli/web.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layers in order; a layer may import only from itself and the layers before it. */
const layers = ['core', 'pcep', 'session', 'net', 'topology', 'te', 'nodes', 'discovery', 'scenario', 'cli'];

function layerRules(layer) {
  const later = layers.slice(layers.indexOf(layer) + 1);
  if (later.length === 0) return [];
  return [
    {
      files: [`sim/${layer}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `(^|/)(${later.join('|')})(/|$)`,
                message: `sim/${layer} must not import from a later layer (${later.join(', ')}).`,
              },
            ],
          },
        ],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object.' },
      ],
    },
  },
  {
    files: ['sim/**/*.ts'],
    ignores: ['sim/cli/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Simulated time only: no wall clock under sim/.' },
        { name: 'setTimeout', message: 'Timers run on the kernel clock.' },
        { name: 'setInterval', message: 'Timers run on the kernel clock.' },
        { name: 'setImmediate', message: 'Timers run on the kernel clock.' },
        { name: 'performance', message: 'Simulated time only: no wall clock under sim/.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a named seeded stream from sim/core.' },
        { object: 'Date', property: 'now', message: 'Simulated time only.' },
        { object: 'globalThis', property: 'setTimeout', message: 'Timers run on the kernel clock.' },
      ],
    },
  },
  ...layers.flatMap(layerRules),
);
