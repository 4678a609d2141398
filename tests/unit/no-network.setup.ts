// Unit tests never reach the network: only loopback (the AWS emulator, the browser host, Chromium's DevTools) and
// local sockets. A connection anywhere else (say, an AWS client that missed the emulator's endpoint) is refused at
// once, and the test that made it fails naming the host, instead of failing slowly for want of a network here, or
// reaching real AWS on a connected machine.

import net from 'node:net';
import { afterEach } from 'vitest';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;
const refused: string[] = [];

/** Where a Socket#connect call goes, from any of its argument forms; null for a local (Unix or pipe) socket. */
function destination(args: unknown[]): string | null {
  // net.connect passes its arguments already normalized, as one array [options, callback].
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: string | null; host?: string; port?: number | string };
    if (options.path != null) return null;
    return `${options.host ?? 'localhost'}:${options.port ?? ''}`;
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null;
  return `${typeof second === 'string' ? second : 'localhost'}:${String(first)}`;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const where = destination(args);
  const host = where?.slice(0, where.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  if (where === null || LOOPBACK.test(host ?? '')) return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  refused.push(where);
  const error = Object.assign(new Error(`unit tests must not reach the network: refused a connection to ${where}`), { code: 'ETESTNETWORK' });
  process.nextTick(() => this.destroy(error));
  return this;
} as typeof net.Socket.prototype.connect;

/** Connections refused since the last call (the guard's own test takes them, so its test does not fail). */
export function takeRefusedConnections(): string[] {
  return refused.splice(0);
}

afterEach(() => {
  const taken = takeRefusedConnections();
  if (taken.length) throw new Error(`the test tried to reach the network (${taken.join(', ')}): point every client at the emulator`);
});
