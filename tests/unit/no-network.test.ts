// The unit tests' network guard (no-network.setup.ts): loopback connects, anything else is refused at once.

import net from 'node:net';
import { ConfigServiceClient, DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { takeRefusedConnections } from './no-network.setup';

describe('the unit tests network guard', () => {
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
    expect(refused.message).toBe('unit tests must not reach the network: refused a connection to 192.0.2.1:443');
    expect(takeRefusedConnections()).toEqual(['192.0.2.1:443']);
  });

  it('refuses an AWS client without the emulator endpoint: it fails fast instead of reaching AWS', async () => {
    const client = new ConfigServiceClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
    await expect(client.send(new DescribeConfigRulesCommand({}))).rejects.toThrow(/unit tests must not reach the network/);
    client.destroy();
    expect(takeRefusedConnections()).toEqual(expect.arrayContaining([expect.stringMatching(/^(config\.us-east-1\.amazonaws\.com|[\d.]+):443$/)]));
  });
});
