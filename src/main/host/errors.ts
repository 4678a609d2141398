// The browser host's one error kind, apart from the server so a command that only reports it (triad report) need
// not load the host and the service behind it before it starts Chromium.

/** The host cannot start: the message says why and what to do. */
export class HostError extends Error {
  override name = 'HostError';
}
