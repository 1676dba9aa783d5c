/**
 * The house-style bans are enforced by the linter: no wall clock, timers or unseeded randomness
 * under sim/ (the CLI may), and imports that flow one way through the layers.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('house-style lint rules', () => {
  it.each([
    ['export const x = Math.random();', 'no-restricted-properties'],
    ['export const t = Date.now();', 'no-restricted-properties'],
    ['export const d = new Date();', 'no-restricted-globals'],
    ['setTimeout(() => {}, 1);', 'no-restricted-globals'],
    ['export const p = performance.now();', 'no-restricted-globals'],
  ])('forbids %s under sim/', async (code, rule) => {
    expect(await rulesHit(code, 'sim/core/example.ts')).toContain(rule);
  });

  it('allows the wall clock in the CLI and in tests', async () => {
    expect(await rulesHit('export const t = Date.now();\n', 'sim/cli/example.ts')).toStrictEqual([]);
    expect(await rulesHit('export const t = Date.now();\n', 'test/example.ts')).toStrictEqual([]);
  });

  it('forbids importing a later layer', async () => {
    const code = "import { x } from '../session/machine.ts';\nexport const y = x;\n";
    expect(await rulesHit(code, 'sim/pcep/example.ts')).toContain('no-restricted-imports');
    expect(
      await rulesHit(
        "import { x } from '../pcep/index.ts';\nexport const y = x;\n",
        'sim/session/example.ts',
      ),
    ).toStrictEqual([]);
  });

  it('forbids TypeScript enums', async () => {
    expect(await rulesHit('export enum E { A }\n', 'sim/pcep/example.ts')).toContain('no-restricted-syntax');
  });
});
