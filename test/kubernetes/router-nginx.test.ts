/**
 * The generated router config, run by a real nginx in front of small loopback backends that
 * answer with their own name: requests with the sequence header land where the TypeScript
 * ring (consistent-hash.ts) says nginx's `hash ... consistent` puts them, stay there, and on
 * losing a backend only that backend's keys move (to the ring successor); requests without
 * the header are spread per request, over one HTTP/1.1 keep-alive connection and over one
 * HTTP/2 (gRPC) connection alike.
 */
import { type Server, createServer, request as httpRequest, Agent } from "node:http";
import { type Http2Server, connect, createServer as createH2Server } from "node:http2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsistentHashRing } from "../../src/generate/kubernetes/consistent-hash.js";
import { freePort } from "../../src/serve/ports.js";
import { type RunningRouter, nginxBinary, startRouter } from "./nginx.js";

const binary = nginxBinary();
const HEADER = "x-triton-sequence-id";

interface Backend {
  name: string;
  httpPort: number;
  grpcPort: number;
  http: Server;
  h2: Http2Server;
  sessions: Set<import("node:http2").ServerHttp2Session>;
}

async function startBackend(name: string): Promise<Backend> {
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const http = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end(name));
  });
  const h2 = createH2Server((req, res) => {
    req.resume();
    req.on("end", () => res.end(name));
  });
  h2.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  const sessions = new Set<import("node:http2").ServerHttp2Session>();
  await new Promise<void>((r) => http.listen(httpPort, "127.0.0.1", r));
  await new Promise<void>((r) => h2.listen(grpcPort, "127.0.0.1", r));
  return { name, httpPort, grpcPort, http, h2, sessions };
}

function closeBackend(b: Backend): Promise<void> {
  b.http.closeAllConnections();
  for (const session of b.sessions) session.destroy();
  return Promise.all([
    new Promise<void>((r) => b.http.close(() => r())),
    new Promise<void>((r) => b.h2.close(() => r())),
  ]).then(() => undefined);
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function viaHttp(port: number, key?: string): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/v2/models/m/infer",
        agent,
        headers: key ? { [HEADER]: key } : {},
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolveBody(`${res.statusCode}:${body}`));
      },
    );
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.end("{}");
  });
}

describe.skipIf(!binary)("the generated router config in a real nginx", () => {
  const backends: Backend[] = [];
  let router: RunningRouter;
  const keys = Array.from({ length: 300 }, (_, i) => String(1 + ((i * 2654435761) % 2147483647)));

  beforeAll(async () => {
    for (const name of ["a", "b", "c"]) backends.push(await startBackend(name));
    router = await startRouter(
      binary as string,
      HEADER,
      backends.map((b) => ({ host: "127.0.0.1", httpPort: b.httpPort, grpcPort: b.grpcPort })),
    );
  }, 30_000);
  afterAll(async () => {
    agent.destroy();
    await router?.stop();
    await Promise.all(backends.map((b) => closeBackend(b).catch(() => undefined)));
  });

  const nameOfHttp = (server: string | undefined) => backends.find((b) => `127.0.0.1:${b.httpPort}` === server)?.name;
  const nameOfGrpc = (server: string | undefined) => backends.find((b) => `127.0.0.1:${b.grpcPort}` === server)?.name;

  it("pins each sequence id over HTTP where the TypeScript ring predicts, on every request", async () => {
    const ring = new ConsistentHashRing(backends.map((b) => `127.0.0.1:${b.httpPort}`));
    for (const key of keys) {
      const want = `200:${nameOfHttp(ring.pick(key))}`;
      for (let i = 0; i < 2; i++) expect(await viaHttp(router.httpPort, key), `sequence ${key}`).toBe(want);
    }
  }, 60_000);

  it("pins each sequence id over HTTP/2 (gRPC port) and spreads header-less calls of one connection", async () => {
    const ring = new ConsistentHashRing(backends.map((b) => `127.0.0.1:${b.grpcPort}`));
    const session = connect(`http://127.0.0.1:${router.grpcPort}`);
    try {
      const call = (key?: string) =>
        new Promise<string>((resolveBody, reject) => {
          const stream = session.request({
            ":method": "POST",
            ":path": "/inference.GRPCInferenceService/ModelInfer",
            "content-type": "application/grpc",
            ...(key ? { [HEADER]: key } : {}),
          });
          let body = "";
          stream.on("data", (c: Buffer) => (body += c.toString()));
          stream.on("end", () => resolveBody(body));
          stream.on("error", reject);
          stream.setTimeout(10_000, () => stream.close());
          stream.end("x");
        });
      for (const key of keys.slice(0, 100)) expect(await call(key), `sequence ${key}`).toBe(nameOfGrpc(ring.pick(key)));
      const counts = new Map<string, number>();
      for (let i = 0; i < 60; i++) {
        const name = await call();
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      expect([...counts.keys()].sort()).toEqual(["a", "b", "c"]);
      for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(10);
    } finally {
      session.close();
    }
  }, 60_000);

  it("spreads header-less HTTP requests of one keep-alive connection over every backend", async () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const answer = await viaHttp(router.httpPort);
      counts.set(answer, (counts.get(answer) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["200:a", "200:b", "200:c"]);
  }, 30_000);

  it("moves only the lost backend's sequences, to the ring successor", async () => {
    const servers = backends.map((b) => `127.0.0.1:${b.httpPort}`);
    const ring = new ConsistentHashRing(servers);
    const lost = backends[1] as Backend;
    const before = new Map(keys.map((k) => [k, nameOfHttp(ring.pick(k))]));
    await closeBackend(lost);
    const down = new Set([`127.0.0.1:${lost.httpPort}`]);
    let moved = 0;
    for (const key of keys) {
      const answer = await viaHttp(router.httpPort, key);
      if (before.get(key) === lost.name) {
        moved++;
        expect(answer, `sequence ${key} of the lost backend`).toBe(`200:${nameOfHttp(ring.pick(key, down))}`);
      } else {
        expect(answer, `sequence ${key} stays`).toBe(`200:${before.get(key)}`);
      }
    }
    expect(moved).toBeGreaterThan(keys.length / 6);
    expect(moved).toBeLessThan(keys.length / 2);
  }, 60_000);
});
