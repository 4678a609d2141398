// Tests never reach the network: only loopback (the AWS emulator, the browser host, Chromium's DevTools) and local
// sockets. Imported by the unit tests' setup (tests/unit/no-network.setup.ts) and, through NODE_OPTIONS, by the
// processes the end-to-end tests start that may collect (tests/e2e/fixtures.ts). A connection anywhere else (say,
// an AWS client that missed the emulator's endpoint) is refused at once with an error naming the host, instead of
// failing slowly for want of a network here, or reaching real AWS on a connected machine. Plain JavaScript, so a
// process loads it before any TypeScript loader.

import net from 'node:net';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;
const refused = [];

/** Where a Socket#connect call goes, from any of its argument forms; null for a local (Unix or pipe) socket. */
function destination(args) {
  // net.connect passes its arguments already normalized, as one array [options, callback].
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (typeof first === 'object' && first !== null) {
    if (first.path != null) return null;
    return { host: first.host ?? 'localhost', port: first.port ?? '' };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null;
  return { host: typeof second === 'string' ? second : 'localhost', port: first };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const where = destination(args);
  if (where === null || LOOPBACK.test(String(where.host).replace(/^\[|\]$/g, ''))) return connect.apply(this, args);
  const named = `${where.host}:${where.port}`;
  refused.push(named);
  const message = `tests must not reach the network: refused a connection to ${named}`;
  process.stderr.write(`${message}\n`);
  process.nextTick(() => this.destroy(Object.assign(new Error(message), { code: 'ETESTNETWORK' })));
  return this;
};

/** Connections refused since the last call. */
export function takeRefusedConnections() {
  return refused.splice(0);
}

// A process that ends after refusing a connection nobody took ends in failure, whatever it was doing.
process.on('exit', (code) => {
  if (refused.length && code === 0) process.exitCode = 97;
});
