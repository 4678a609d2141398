// Seeded randomness for the demo generator. Everything the demo draws comes from here, so the same seed
// always yields the same organization (Math.random and the clock are never consulted).

/** cyrb128: spreads a string over four 32-bit words, the seed state for sfc32. */
function hashString(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 32-bit unsigned hash of a string, for stable derived values (dates, suffixes). */
export function hash32(text: string): number {
  return hashString(text)[0];
}

const HEX = '0123456789abcdef';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Streams with different keys are independent, so one part of the demo never shifts another. */
  constructor(...key: (string | number)[]) {
    [this.a, this.b, this.c, this.d] = hashString(key.join('\u0000'));
    for (let i = 0; i < 12; i++) this.next();
  }

  /** sfc32: a uniform float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  private fromAlphabet(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.fromAlphabet(HEX, length);
  }

  base36(length: number): string {
    return this.fromAlphabet(BASE36, length);
  }

  upperAlnum(length: number): string {
    return this.fromAlphabet(UPPER_ALNUM, length);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${HEX[8 + this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
  }

  /** Rounds up with the probability of the fraction, so totals stay unbiased at any scale. */
  roundStochastic(value: number): number {
    const floor = Math.floor(value);
    return floor + (this.chance(value - floor) ? 1 : 0);
  }
}
