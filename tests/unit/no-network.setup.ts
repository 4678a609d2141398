// The unit tests' network guard (tests/no-network.mjs): the test that tried to reach beyond loopback fails, naming
// the host.

import { afterEach } from 'vitest';
import { takeRefusedConnections } from '../no-network.mjs';

afterEach(() => {
  const taken = takeRefusedConnections();
  if (taken.length) throw new Error(`the test tried to reach the network (${taken.join(', ')}): point every client at the emulator`);
});
