/**
 * The router: a small nginx Deployment with a generated config (router-config.ts), its
 * ConfigMap, the Service clients call, and a PodDisruptionBudget. Why nginx and not a plain
 * Service or ingress annotations: docs/scale-out.md.
 */
import { createHash } from "node:crypto";
import { renderRouterConfig } from "./router-config.js";
import type { KubernetesSettings } from "./settings.js";
import { TRITON_PORTS, replicaHost } from "./triton.js";
import type { Manifest } from "./yaml-file.js";

export function routerLabels(s: KubernetesSettings): Record<string, string> {
  return {
    "app.kubernetes.io/name": "triton-router",
    "app.kubernetes.io/instance": s.name,
    "app.kubernetes.io/component": "router",
  };
}

/** The in-cluster nginx.conf: every replica the autoscaler may create, by its stable name. */
export function clusterRouterConfig(s: KubernetesSettings): string {
  return renderRouterConfig({
    header: s.header,
    replicas: Array.from({ length: s.maxReplicas }, (_, i) => ({
      host: replicaHost(s, i),
      httpPort: TRITON_PORTS.http,
      grpcPort: TRITON_PORTS.grpc,
    })),
    listen: { http: String(TRITON_PORTS.http), grpc: String(TRITON_PORTS.grpc) },
    resolver: "kube-dns.kube-system.svc.cluster.local",
  });
}

export function routerConfigMap(s: KubernetesSettings, config: string): Manifest {
  return {
    file: "router-configmap.yaml",
    header: [
      "nginx.conf of the router, written from the same function as the config of the loopback test",
      `(test/triton/multi-replica.test.ts). Upstreams list replicas 0..${s.maxReplicas - 1} (the autoscaler's maximum);`,
      "names that do not resolve yet are skipped until their replica exists.",
    ],
    object: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `${s.name}-router`, labels: routerLabels(s) },
      data: { "nginx.conf": config },
    },
  };
}

export function routerDeployment(s: KubernetesSettings, config: string): Manifest {
  const labels = routerLabels(s);
  const checksum = createHash("sha256").update(config).digest("hex").slice(0, 16);
  return {
    file: "router-deployment.yaml",
    header: [
      "The router in front of the Triton replicas. Requests carrying the sequence header go to one replica",
      "by consistent hashing on it; requests without it are spread one request (one gRPC call) at a time.",
      "Stateless itself: any router replica routes a sequence the same way, since all build the same ring.",
    ],
    object: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: `${s.name}-router`, labels },
      spec: {
        replicas: s.routerReplicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { "triton-repo/router-config-sha256": checksum } },
          spec: {
            containers: [
              {
                name: "nginx",
                image: s.routerImage,
                ports: [
                  { name: "http", containerPort: TRITON_PORTS.http },
                  { name: "grpc", containerPort: TRITON_PORTS.grpc },
                ],
                resources: { requests: { cpu: "250m", memory: "128Mi" }, limits: { memory: "512Mi" } },
                readinessProbe: { tcpSocket: { port: "http" }, periodSeconds: 5 },
                livenessProbe: { tcpSocket: { port: "http" }, periodSeconds: 10 },
                volumeMounts: [
                  { name: "config", mountPath: "/etc/nginx/nginx.conf", subPath: "nginx.conf", readOnly: true },
                ],
              },
            ],
            volumes: [{ name: "config", configMap: { name: `${s.name}-router` } }],
          },
        },
      },
    },
    notes: [
      [
        ["spec", "template", "metadata", "annotations"],
        "Changes with the config, so a new config rolls the router pods.",
      ],
      [
        ["spec", "template", "spec", "containers", 0, "image"],
        "nginx 1.27.3 or later: `resolve` on upstream servers re-resolves replica names.",
      ],
    ],
  };
}

export function routerService(s: KubernetesSettings): Manifest {
  return {
    file: "router-service.yaml",
    header: [
      "What clients call: TRITON_URL=<this service>:8001 (gRPC) or :8000 (HTTP). Kubernetes balances",
      "connections over the router pods; the router balances requests over the Triton replicas.",
    ],
    object: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: s.name, labels: routerLabels(s) },
      spec: {
        selector: routerLabels(s),
        ports: [
          { name: "http", port: TRITON_PORTS.http, targetPort: "http", appProtocol: "http" },
          { name: "grpc", port: TRITON_PORTS.grpc, targetPort: "grpc", appProtocol: "kubernetes.io/h2c" },
        ],
      },
    },
  };
}

export function routerDisruptionBudget(s: KubernetesSettings): Manifest {
  return {
    file: "router-pdb.yaml",
    header: ["Keep a router up through node drains."],
    object: {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: `${s.name}-router`, labels: routerLabels(s) },
      spec: { maxUnavailable: 1, selector: { matchLabels: routerLabels(s) } },
    },
  };
}
