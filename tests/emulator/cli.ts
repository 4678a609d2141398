// Runs the emulator as a process: `npx tsx tests/emulator/cli.ts --scenario <file.json|file.ts|representative|large:A,R,N,P>`
// [--faults faults.json] [--port N]. The first stdout line is the URL; `KILL-POINT <call>` is printed when a kill
// point is reached. Control endpoints: GET /__emulator/calls, GET /__emulator/sessions, PUT /__emulator/faults.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmulator } from './server';
import type { FaultConfig } from './faults';
import type { Scenario } from './scenario';
import { representativeScenario } from './scenarios/representative';
import { buildLargeScenario } from './scenarios/large';

async function loadScenario(spec: string): Promise<Scenario> {
  if (spec === 'representative') return representativeScenario();
  const large = /^large:(\d+),(\d+),(\d+),(\d+)$/.exec(spec);
  if (large) {
    const [accounts, regions, rules, resourcesPerRule] = large.slice(1).map(Number);
    return buildLargeScenario({ accounts, regions, rules, resourcesPerRule });
  }
  const path = resolve(spec);
  if (path.endsWith('.json')) return JSON.parse(readFileSync(path, 'utf8')) as Scenario;
  const module = (await import(pathToFileURL(path).href)) as { default?: Scenario | (() => Scenario); scenario?: Scenario };
  const exported = module.default ?? module.scenario;
  if (!exported) throw new Error(`${path} exports neither a default scenario nor \`scenario\``);
  return typeof exported === 'function' ? exported() : exported;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scenario: { type: 'string' }, faults: { type: 'string' }, port: { type: 'string' } } });
  if (!values.scenario) {
    process.stderr.write('usage: tsx tests/emulator/cli.ts --scenario <file.json|file.ts|representative|large:accounts,regions,rules,resourcesPerRule> [--faults faults.json] [--port N]\n');
    process.exit(2);
  }
  const scenario = await loadScenario(values.scenario);
  const faults = values.faults ? (JSON.parse(readFileSync(resolve(values.faults), 'utf8')) as FaultConfig) : undefined;
  const emulator = await startEmulator({
    scenario,
    faults,
    port: values.port ? Number(values.port) : undefined,
    onKillPoint: (call) => process.stdout.write(`KILL-POINT ${call.seq} ${call.service}:${call.operation} ${call.accountId} ${call.region}\n`),
  });
  process.stdout.write(`${emulator.url}\n`);
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
