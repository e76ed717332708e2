/**
 * The Triton replicas: a StatefulSet, its headless Service, its PodDisruptionBudget and the
 * claim that holds the model repository. A StatefulSet rather than a Deployment because the
 * router's consistent-hash ring is built over replica names: `triton-0`, `triton-1`, … keep
 * their names (and so their place on the ring) across restarts and scaling, where a
 * Deployment's pods get new random names, and nginx would have only one name (the Service)
 * to hash on. Everything the issue asks of the Triton pods holds for its pod template.
 */
import { posix } from "node:path";
import { DEFAULTS } from "../defaults.js";
import type { RepoSpec } from "../spec.js";
import { type KubernetesSettings, KUBERNETES_DEFAULTS } from "./settings.js";
import type { Manifest } from "./yaml-file.js";

export const TRITON_PORTS = { http: 8000, grpc: 8001, metrics: 8002 } as const;

export function tritonLabels(s: KubernetesSettings): Record<string, string> {
  return {
    "app.kubernetes.io/name": "triton",
    "app.kubernetes.io/instance": s.name,
    "app.kubernetes.io/component": "server",
  };
}

/** Name of the headless Service that gives each replica its DNS name: `<name>-N.<name>-replicas`. */
export function replicasServiceName(s: KubernetesSettings): string {
  return `${s.name}-replicas`;
}

/** In-cluster DNS name of replica `index`, as the router's upstream lists it. */
export function replicaHost(s: KubernetesSettings, index: number): string {
  return `${s.name}-${index}.${replicasServiceName(s)}.${s.namespace}.svc.cluster.local`;
}

/** Sequence-aware termination: wait out the longest idle timeout, then Triton's own exit timeout. */
export function terminationTimes(s: KubernetesSettings): { preStopSeconds: number; graceSeconds: number } {
  const preStopSeconds = s.hasSequences ? Math.max(5, s.sequenceIdleSeconds) : 5;
  return { preStopSeconds, graceSeconds: preStopSeconds + KUBERNETES_DEFAULTS.exitTimeoutSeconds + 15 };
}

interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

/** Folders of the compose file's bind mounts that a claim can carry (relative, inside the output folder). */
function claimMounts(spec: RepoSpec): Array<{ subPath: string; target: string; readOnly: boolean }> {
  const d = spec.deployment ?? {};
  const mounts = (d.mounts ?? []).map((m) => ({ source: m.source, target: m.target, readOnly: m.read_only === true }));
  if (d.checkpoint_dir)
    mounts.push({ source: d.checkpoint_dir.source, target: d.checkpoint_dir.target, readOnly: true });
  return mounts.flatMap((m) => {
    const subPath = posix.normalize(m.source.replace(/\\/g, "/"));
    if (posix.isAbsolute(subPath) || subPath.startsWith("..") || subPath === ".") return [];
    return [{ subPath, target: m.target, readOnly: m.readOnly }];
  });
}

function environment(spec: RepoSpec, s: KubernetesSettings): Array<Record<string, unknown>> {
  const d = spec.deployment ?? {};
  const env: Record<string, string> = { PYTHONPATH: d.pythonpath ?? DEFAULTS.pythonpath };
  if (d.checkpoint_dir) env[DEFAULTS.checkpointEnv] = d.checkpoint_dir.target;
  Object.assign(env, s.environment);
  const list: Array<Record<string, unknown>> = Object.entries(env).map(([name, value]) => ({ name, value }));
  if (s.storage.kind === "object_store" && s.storage.scheme === "gs") {
    list.push({ name: "GOOGLE_APPLICATION_CREDENTIALS", value: "/var/secrets/object-store/key.json" });
  }
  return list;
}

export function tritonStatefulSet(spec: RepoSpec, s: KubernetesSettings): Manifest {
  const labels = tritonLabels(s);
  const { preStopSeconds, graceSeconds } = terminationTimes(s);
  const repository = spec.repository ?? DEFAULTS.repository;
  const mounts: VolumeMount[] = [{ name: "dshm", mountPath: "/dev/shm" }];
  const volumes: Array<Record<string, unknown>> = [
    { name: "dshm", emptyDir: { medium: "Memory", sizeLimit: s.shmSize } },
  ];
  let repositoryArg = "/models";
  if (s.storage.kind === "pvc") {
    volumes.push({ name: "models", persistentVolumeClaim: { claimName: s.storage.claim, readOnly: true } });
    mounts.push({ name: "models", mountPath: "/models", subPath: repository, readOnly: true });
    for (const m of claimMounts(spec))
      mounts.push({ name: "models", mountPath: m.target, subPath: m.subPath, readOnly: m.readOnly });
  } else {
    repositoryArg = s.storage.url;
    if (s.storage.scheme === "gs") {
      volumes.push({ name: "object-store-credentials", secret: { secretName: s.storage.secret } });
      mounts.push({ name: "object-store-credentials", mountPath: "/var/secrets/object-store", readOnly: true });
    }
  }
  const limits: Record<string, string> = { memory: s.memory };
  if (s.gpus > 0) limits["nvidia.com/gpu"] = String(s.gpus);
  const probe = (path: string, extra: Record<string, number>) => ({ httpGet: { path, port: "http" }, ...extra });
  const container: Record<string, unknown> = {
    name: "triton",
    image: s.image,
    args: [
      "tritonserver",
      `--model-repository=${repositoryArg}`,
      `--exit-timeout-secs=${KUBERNETES_DEFAULTS.exitTimeoutSeconds}`,
    ],
    ports: [
      { name: "http", containerPort: TRITON_PORTS.http },
      { name: "grpc", containerPort: TRITON_PORTS.grpc },
      { name: "metrics", containerPort: TRITON_PORTS.metrics },
    ],
    env: environment(spec, s),
    ...(s.storage.kind === "object_store" && s.storage.scheme !== "gs"
      ? { envFrom: [{ secretRef: { name: s.storage.secret } }] }
      : {}),
    resources: { requests: { cpu: s.cpu, memory: s.memory }, limits },
    startupProbe: probe("/v2/health/ready", {
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: Math.ceil(s.startupSeconds / 10),
    }),
    readinessProbe: probe("/v2/health/ready", { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 }),
    livenessProbe: probe("/v2/health/live", { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 }),
    lifecycle: { preStop: { exec: { command: ["sleep", String(preStopSeconds)] } } },
    volumeMounts: mounts,
  };
  const object = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: s.name, labels },
    spec: {
      serviceName: replicasServiceName(s),
      replicas: s.minReplicas,
      podManagementPolicy: "Parallel",
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: graceSeconds,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: "kubernetes.io/hostname",
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: { matchLabels: labels },
            },
          ],
          containers: [container],
          volumes,
        },
      },
    },
  };
  const c = ["spec", "template", "spec", "containers", 0];
  const storageNote =
    s.storage.kind === "pvc"
      ? `The claim holds the output folder: ${repository}/ is mounted at /models, the mounted folders of the spec next to it.`
      : `Triton reads ${s.storage.url} itself; credentials come from the Secret "${s.storage.secret}", which you create (gen-repo never writes secrets).`;
  return {
    file: "triton-statefulset.yaml",
    object,
    header: [
      "Triton replicas. A StatefulSet, so each replica keeps its name (triton-0, triton-1, ...) and with it",
      "its place on the router's consistent-hash ring: an episode's requests reach the replica that holds",
      "its action queue, and losing a replica moves only that replica's episodes.",
      ...(s.needsCustomImage
        ? [
            "The spec lists python_packages: build the Dockerfile next to docker-compose.yml, push it, and set",
            "kubernetes.image in the spec (or an `images:` override in kustomization.yaml).",
          ]
        : []),
    ],
    notes: [
      [["spec", "replicas"], "Starting size; the autoscaler moves it between the spec's bounds."],
      [["spec", "podManagementPolicy"], "Replicas start and stop independently: none waits for another's model load."],
      [
        ["spec", "template", "spec", "terminationGracePeriodSeconds"],
        `preStop (${preStopSeconds} s, the longest sequence idle timeout) + Triton's exit timeout (${KUBERNETES_DEFAULTS.exitTimeoutSeconds} s) + margin.`,
      ],
      [[...c, "args"], storageNote],
      [
        [...c, "resources"],
        s.gpus > 0
          ? `Requests for scheduling; ${s.gpus} GPU(s) per replica from deployment.gpus.`
          : "Requests for scheduling; no GPU (deployment.gpus is 0, or --device cpu).",
      ],
      [
        [...c, "startupProbe"],
        `Model load and warmup may take up to ${s.startupSeconds} s before liveness starts counting.`,
      ],
      [[...c, "readinessProbe"], "Ready only when every model is loaded."],
      [
        [...c, "lifecycle"],
        "Running episodes finish on this replica: the router keeps sending their requests here while it drains.",
      ],
      [
        [...c, "volumeMounts", 0],
        "The Python backend moves tensors through /dev/shm; Kubernetes gives containers only 64 MB.",
      ],
      [
        ["spec", "template", "spec", "volumes", 0],
        `Memory-backed, sized as deployment.shm_size (${s.shmSize}); it counts against the memory limit.`,
      ],
    ],
  };
}

export function replicasService(s: KubernetesSettings): Manifest {
  return {
    file: "triton-replicas-service.yaml",
    header: [
      "Headless Service of the Triton replicas: gives each one a stable DNS name for the router, and",
      "the metrics port for Prometheus. Clients call the router Service, never this one.",
    ],
    object: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: replicasServiceName(s), labels: tritonLabels(s) },
      spec: {
        clusterIP: "None",
        publishNotReadyAddresses: true,
        selector: tritonLabels(s),
        ports: [
          { name: "http", port: TRITON_PORTS.http, targetPort: "http" },
          { name: "grpc", port: TRITON_PORTS.grpc, targetPort: "grpc" },
          { name: "metrics", port: TRITON_PORTS.metrics, targetPort: "metrics" },
        ],
      },
    },
    notes: [
      [
        ["spec", "publishNotReadyAddresses"],
        "A draining replica keeps its DNS name, so its running episodes still reach it; a replica that is\nstill loading refuses connections and nginx passes the request to the next one on the ring.",
      ],
    ],
  };
}

export function tritonDisruptionBudget(s: KubernetesSettings): Manifest {
  return {
    file: "triton-pdb.yaml",
    header: [
      "Voluntary disruptions (node drains, upgrades) take one Triton replica at a time, so at most one",
      "replica's episodes restart at once.",
    ],
    object: {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: s.name, labels: tritonLabels(s) },
      spec: { maxUnavailable: 1, selector: { matchLabels: tritonLabels(s) } },
    },
  };
}

export function modelsClaim(s: KubernetesSettings): Manifest | undefined {
  if (s.storage.kind !== "pvc" || !s.storage.create) return undefined;
  return {
    file: "models-pvc.yaml",
    header: [
      "The model repository (and the spec's mounted folders, such as checkpoints) for every replica:",
      "copy the generated output folder into it once; replicas mount it read-only.",
    ],
    object: {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: s.storage.claim, labels: tritonLabels(s) },
      spec: {
        accessModes: ["ReadOnlyMany"],
        resources: { requests: { storage: s.storage.size } },
        ...(s.storage.storageClass ? { storageClassName: s.storage.storageClass } : {}),
      },
    },
    notes: [
      [
        ["spec", "accessModes"],
        "Every replica reads the same files, from any node: a ReadOnlyMany class (NFS, CSI file stores).",
      ],
    ],
  };
}
