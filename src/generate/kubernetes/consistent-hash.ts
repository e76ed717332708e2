/**
 * The consistent-hash ring of nginx's `hash KEY consistent` (ngx_http_upstream_hash_module),
 * re-stated in TypeScript so tests can predict which replica nginx picks for a sequence id
 * and measure how many sequences move when a replica goes away. The facts carried over from
 * nginx: 160 points per server (weight 1); a point's hash is CRC-32 over
 * `HOST \0 PORT` followed by the previous point's hash as 4 little-endian bytes (the
 * Cache::Memcached::Fast scheme); points sorted, equal hashes kept once; a key goes to the
 * first point whose hash is >= CRC-32(key), wrapping to the first point; a server that is
 * down is skipped by walking on to the next point.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Running CRC-32 state (before the final inversion), so a prefix can be hashed once. */
function crcUpdate(state: number, bytes: Uint8Array): number {
  let c = state;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return c >>> 0;
}

const utf8 = new TextEncoder();

/** CRC-32 (IEEE, as zlib and nginx's ngx_crc32_long compute it) of a string's UTF-8 bytes. */
export function crc32(text: string): number {
  return (crcUpdate(0xffffffff, utf8.encode(text)) ^ 0xffffffff) >>> 0;
}

interface Point {
  hash: number;
  server: string;
}

/** Splits `host:port` the way nginx does: the port is the run of digits after the last colon. */
function hostAndPort(server: string): [string, string] {
  if (server.toLowerCase().startsWith("unix:")) return [server.slice(5), ""];
  const match = /^(.*):([0-9]*)$/.exec(server);
  return match ? [match[1] as string, match[2] as string] : [server, ""];
}

/** A ring over upstream server strings, exactly as written in the nginx `server` lines. */
export class ConsistentHashRing {
  private readonly points: Point[];

  constructor(readonly servers: readonly string[]) {
    const points: Point[] = [];
    for (const server of servers) {
      const [host, port] = hostAndPort(server);
      const base = crcUpdate(
        crcUpdate(crcUpdate(0xffffffff, utf8.encode(host)), new Uint8Array([0])),
        utf8.encode(port),
      );
      const previous = new Uint8Array(4);
      for (let i = 0; i < 160; i++) {
        const hash = (crcUpdate(base, previous) ^ 0xffffffff) >>> 0;
        points.push({ hash, server });
        new DataView(previous.buffer).setUint32(0, hash, true);
      }
    }
    points.sort((a, b) => a.hash - b.hash);
    // nginx keeps one point per hash value (which server wins a tie depends on its qsort; ties are rare).
    this.points = points.filter((p, i) => i === 0 || p.hash !== (points[i - 1] as Point).hash);
  }

  /** The server nginx picks for `key`, skipping servers in `down` (as nginx skips failed peers). */
  pick(key: string, down: ReadonlySet<string> = new Set()): string | undefined {
    const hash = crc32(key);
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.points[mid] as Point).hash < hash) lo = mid + 1;
      else hi = mid;
    }
    // nginx gives up after 20 points and falls back to round robin; we report that as undefined.
    for (let tries = 0; tries <= 20; tries++) {
      const point = this.points[(lo + tries) % this.points.length] as Point;
      if (!down.has(point.server)) return point.server;
    }
    return undefined;
  }
}
