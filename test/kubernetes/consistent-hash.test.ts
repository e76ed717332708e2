/**
 * The routing property of the router, on the ring nginx builds (consistent-hash.ts, checked
 * against a real nginx in router-nginx.test.ts): a sequence id always maps to the same replica;
 * removing one of N replicas moves only the sequences that replica held, about 1/N of them; and
 * every replica gets a fair share.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConsistentHashRing, crc32 } from "../../src/generate/kubernetes/consistent-hash.js";

const replicas = (n: number) =>
  Array.from({ length: n }, (_, i) => `triton-${i}.triton-replicas.triton.svc.cluster.local:8001`);
// Sequence ids as the generated clients make them: decimal integers in 1..2^31-1, 1500 of them
// from a seed (a seed shrinks fast when a property fails; a 1500-element array does not).
const sequenceIds = fc.integer({ min: 1, max: 2 ** 31 - 2 }).map((seed) => {
  let x = seed;
  return Array.from({ length: 1500 }, () => {
    x = Number((BigInt(x) * 48271n) % 2147483647n);
    return String(x);
  });
});

describe("consistent hashing of sequence ids", () => {
  it("CRC-32 is the IEEE one (check value of '123456789')", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(crc32("")).toBe(0);
  });

  it("a sequence id maps to the same replica every time, and on a ring built again", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (n, id) => {
        const key = String(id);
        const first = new ConsistentHashRing(replicas(n)).pick(key);
        expect(new ConsistentHashRing(replicas(n)).pick(key)).toBe(first);
        expect(new ConsistentHashRing(replicas(n)).pick(key)).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  it("removing one of N replicas moves only its sequences, about 1/N of them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.nat(), sequenceIds, (n, which, ids) => {
        const servers = replicas(n);
        const lost = servers[which % n] as string;
        const ring = new ConsistentHashRing(servers);
        // The same thing two ways: nginx skipping a failed peer, and a ring built without it.
        const shrunk = new ConsistentHashRing(servers.filter((s) => s !== lost));
        let moved = 0;
        for (const id of ids) {
          const before = ring.pick(id);
          const after = ring.pick(id, new Set([lost]));
          expect(after).toBe(shrunk.pick(id));
          if (before === lost) {
            moved++;
            expect(after).not.toBe(lost);
          } else {
            expect(after).toBe(before);
          }
        }
        const share = moved / ids.length;
        expect(share).toBeGreaterThan(0.5 / n);
        expect(share).toBeLessThan(1.7 / n);
      }),
      { numRuns: 40 },
    );
  });

  it("adding a replica takes over about 1/(N+1) of the sequences, all of them moving to it", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => String(1 + ((i * 2654435761) % 2147483647)));
    for (let n = 2; n <= 7; n++) {
      const small = new ConsistentHashRing(replicas(n));
      const large = new ConsistentHashRing(replicas(n + 1));
      const newcomer = replicas(n + 1)[n];
      const moved = ids.filter((id) => small.pick(id) !== large.pick(id));
      for (const id of moved) expect(large.pick(id)).toBe(newcomer);
      expect(moved.length / ids.length).toBeGreaterThan(0.5 / (n + 1));
      expect(moved.length / ids.length).toBeLessThan(1.7 / (n + 1));
    }
  });
});
