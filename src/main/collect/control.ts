// Pause, resume and interrupt for a running collection (cancel is the AbortSignal the caller owns).
// A paused collection finishes the calls in flight and starts no new ones until resumed.

import { AbortedError } from './rate-limit';

export class CollectionControl {
  private pausedWith: string | null = null;
  private waiters: (() => void)[] = [];
  private readonly interruption = new AbortController();
  private readonly listeners = new Set<(paused: boolean, message: string | undefined) => void>();

  get paused(): boolean {
    return this.pausedWith !== null;
  }

  get pauseMessage(): string | undefined {
    return this.pausedWith ?? undefined;
  }

  pause(message = 'Paused by the user'): void {
    if (this.pausedWith !== null) return;
    this.pausedWith = message;
    for (const listener of this.listeners) listener(true, message);
  }

  resume(): void {
    if (this.pausedWith === null) return;
    this.pausedWith = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    for (const listener of this.listeners) listener(false, undefined);
  }

  /** Stops the collection without finishing the snapshot: the work file stays for `resume`. */
  interrupt(): void {
    this.interruption.abort();
    this.resume();
  }

  get interrupted(): boolean {
    return this.interruption.signal.aborted;
  }

  get interruptSignal(): AbortSignal {
    return this.interruption.signal;
  }

  onChange(listener: (paused: boolean, message: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at once when running, or when resumed; rejects when the signal aborts first. */
  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (this.pausedWith === null) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new AbortedError());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
