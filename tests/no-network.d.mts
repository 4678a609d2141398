/** Connections the guard refused since the last call, as "host:port". */
export function takeRefusedConnections(): string[];
