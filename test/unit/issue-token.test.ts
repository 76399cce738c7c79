// scripts/issue-token.ts as a person runs it (ts-node in a child process): --help, and the refusals that mint nothing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(ROOT, 'scripts/issue-token.ts'), ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

jest.setTimeout(90_000);

describe('npm run token', () => {
  it('--help lists the roles, the municipalities option and --expires-in', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const role of ['KE_CASEWORKER', 'KE_LEADER', 'COORDINATOR', 'AUDITOR', 'SYSTEM']) expect(stdout).toContain(role);
    expect(stdout).toMatch(/--municipalities NR/);
    expect(stdout).toMatch(/--expires-in LIFETIME .*30m, 8h/);
    expect(stdout).toContain('Kommuneinndeling 2026, valid from 2026-01-01');
  });

  it('refuses, in one sentence, to mint for a municipality not in the register, a bad lifetime or role', async () => {
    const unknown = await run('--role', 'KE_LEADER', '--municipalities', '4601,4603');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr.trim()).toBe("No token minted: 4603 is not a municipality number in SSB's register (Kommuneinndeling 2026, valid from 2026-01-01).");
    const lifetime = await run('--expires-in', 'soon');
    expect(lifetime).toMatchObject({ code: 1, stdout: '' });
    expect(lifetime.stderr).toMatch(/^No token minted: --expires-in must be a positive lifetime/);
    const role = await run('--role', 'MAYOR');
    expect(role).toMatchObject({ code: 1, stdout: '' });
    expect(role.stderr).toMatch(/--role must be one of KE_CASEWORKER, KE_LEADER, COORDINATOR, AUDITOR, SYSTEM/);
  });
});
