// The tests' network guard (tests/no-network.mjs): loopback connects, anything else is refused at once; a process
// that refused one and took no notice of it exits in failure.

import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigServiceClient, DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { takeRefusedConnections } from '../no-network.mjs';

describe('the tests network guard', () => {
  it('lets loopback through', async () => {
    const server = net.createServer((socket) => socket.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const text = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString())).on('end', () => resolve(data)).on('error', reject);
    });
    server.close();
    expect(text).toBe('ok');
    expect(takeRefusedConnections()).toEqual([]);
  });

  it('refuses any other host at once, and names it', async () => {
    const refused = await new Promise<Error>((resolve) => net.connect({ host: '192.0.2.1', port: 443 }).on('error', resolve));
    expect(refused.message).toBe('tests must not reach the network: refused a connection to 192.0.2.1:443');
    expect(takeRefusedConnections()).toEqual(['192.0.2.1:443']);
  });

  it('refuses an AWS client without the emulator endpoint: it fails fast instead of reaching AWS', async () => {
    const client = new ConfigServiceClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
    await expect(client.send(new DescribeConfigRulesCommand({}))).rejects.toThrow(/tests must not reach the network/);
    client.destroy();
    expect(takeRefusedConnections()).toEqual(expect.arrayContaining([expect.stringMatching(/^(config\.us-east-1\.amazonaws\.com|[\d.]+):443$/)]));
  });

  it('makes a process it was imported into (NODE_OPTIONS) exit in failure after refusing a connection', () => {
    const guard = pathToFileURL(join(import.meta.dirname, '..', 'no-network.mjs')).href;
    const script = "require('node:net').connect(443, '192.0.2.1').on('error', (error) => console.log(error.message));";
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--import=${guard}` } });
    expect(run.stdout).toBe('tests must not reach the network: refused a connection to 192.0.2.1:443\n');
    expect(run.stderr).toContain('tests must not reach the network: refused a connection to 192.0.2.1:443');
    expect(run.status).toBe(97);
  });
});
