/**
 * The nginx configuration of the router in front of the Triton replicas. One function writes
 * it for both places it runs: the in-cluster router Deployment (servers named by the replicas'
 * stable DNS names, re-resolved) and the loopback test (servers on 127.0.0.1 ports). The
 * routing rules are the same text in both.
 *
 * Why these rules:
 * - requests that carry the sequence header are hashed on it (`hash ... consistent`, ketama
 *   over CRC-32; see consistent-hash.ts): every request of an episode reaches the replica that
 *   holds its state, and when a replica goes away only the sequences it held move;
 * - requests without the header (stateless models) go to a round-robin pool. nginx balances
 *   every HTTP/2 stream (one gRPC call) on its own, so one client's gRPC connection is spread
 *   per request, which a Kubernetes Service (per connection) cannot do;
 * - a replica that refuses connections is skipped for `fail_timeout`, so a lost replica costs
 *   one failed attempt, not one per request.
 */

export interface RouterReplica {
  /** Host name or address of one Triton replica. */
  host: string;
  httpPort: number;
  grpcPort: number;
}

export interface RouterConfigOptions {
  /** Header with the sequence id, lowercase (the generated clients send it). */
  header: string;
  replicas: RouterReplica[];
  /** Where the router listens: a port, or `address:port`. */
  listen: { http: string; grpc: string };
  /**
   * In-cluster: the DNS resolver. Servers are then marked `resolve` (nginx 1.27.3 or later),
   * so a replica that is not scheduled yet does not stop nginx from starting, and a replaced
   * pod is found again under its stable name.
   */
  resolver?: string;
  /** Process settings of a router run outside the cluster (the loopback test): pid and temp paths. */
  local?: { pid: string; tempDir: string };
  /** Largest request body; the ACT policy's image tensor alone is 3.7 MB per request. Default 64m. */
  maxBodySize?: string;
}

/** `x-triton-sequence-id` → `$http_x_triton_sequence_id`, the nginx variable of a request header. */
export function headerVariable(header: string): string {
  return `$http_${header.toLowerCase().replace(/-/g, "_")}`;
}

function upstream(
  name: string,
  balancing: string | undefined,
  servers: string[],
  options: RouterConfigOptions,
): string[] {
  const suffix = options.resolver ? " resolve" : "";
  return [
    `  upstream ${name} {`,
    // The zone shares peer state (failures, resolved addresses) between worker processes.
    `    zone ${name} 256k;`,
    ...(balancing ? [`    ${balancing};`] : []),
    ...servers.map((server) => `    server ${server}${suffix} max_fails=1 fail_timeout=10s;`),
    "    keepalive 32;",
    "  }",
  ];
}

/** The whole nginx.conf of the router. */
export function renderRouterConfig(options: RouterConfigOptions): string {
  const variable = headerVariable(options.header);
  const http = options.replicas.map((r) => `${r.host}:${r.httpPort}`);
  const grpc = options.replicas.map((r) => `${r.host}:${r.grpcPort}`);
  const hash = `hash ${variable} consistent`;
  const local = options.local;
  const lines = [
    "# Router in front of the Triton replicas (written by triton-repo).",
    `# Requests with the "${options.header}" header (every request of a sequence, sent by the`,
    "# generated clients) are pinned to one replica by consistent hashing on it; requests without",
    "# it are spread over the replicas one request at a time (gRPC calls included).",
    ...(local
      ? ["daemon off;", "worker_processes 1;", `pid ${local.pid};`]
      : ["worker_processes auto;", "pid /tmp/nginx.pid;"]),
    "error_log stderr warn;",
    "events {",
    "  worker_connections 4096;",
    "}",
    "http {",
    "  access_log off;",
    `  client_max_body_size ${options.maxBodySize ?? "64m"};`,
    ...(local
      ? ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
          (kind) => `  ${kind}_temp_path ${local.tempDir}/${kind};`,
        )
      : ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path /tmp/${kind};`)),
    ...(options.resolver ? [`  resolver ${options.resolver} valid=5s;`] : []),
    "",
    "  # Which pool a request goes to: the sequence pool when it carries the header, else the spread pool.",
    `  map ${variable} $triton_http_pool {`,
    '    "" triton_http_spread;',
    "    default triton_http_sequence;",
    "  }",
    `  map ${variable} $triton_grpc_pool {`,
    '    "" triton_grpc_spread;',
    "    default triton_grpc_sequence;",
    "  }",
    "",
    ...upstream("triton_http_sequence", hash, http, options),
    ...upstream("triton_http_spread", undefined, http, options),
    ...upstream("triton_grpc_sequence", hash, grpc, options),
    ...upstream("triton_grpc_spread", undefined, grpc, options),
    "",
    "  # KServe v2 over HTTP (Triton's port 8000).",
    "  server {",
    `    listen ${options.listen.http};`,
    "    location / {",
    "      proxy_pass http://$triton_http_pool;",
    "      proxy_http_version 1.1;",
    '      proxy_set_header Connection "";',
    "      proxy_next_upstream error timeout;",
    "      proxy_read_timeout 300s;",
    "    }",
    "  }",
    "",
    "  # KServe v2 over gRPC (Triton's port 8001): HTTP/2 in and out, balanced per call.",
    "  server {",
    `    listen ${options.listen.grpc} http2;`,
    "    location / {",
    "      grpc_pass grpc://$triton_grpc_pool;",
    "      grpc_next_upstream error timeout;",
    "      grpc_read_timeout 300s;",
    "      grpc_send_timeout 300s;",
    "    }",
    "  }",
    "}",
    "",
  ];
  return lines.join("\n");
}
