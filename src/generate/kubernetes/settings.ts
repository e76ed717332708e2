/**
 * The `kubernetes` section of a spec with every default applied, plus the facts the
 * manifests take from the rest of the spec (image, GPUs, shared memory, sequence idle
 * timeout, sequence slots). The defaults work for the seed's ACT policy: two to four
 * replicas, scaled on pending requests per replica, a PersistentVolumeClaim for the
 * repository, a ServiceMonitor, and the nginx router.
 */
import { DEFAULTS, deploymentGpus, tritonImage } from "../defaults.js";
import type { KubernetesSpec, RepoSpec } from "../spec.js";

export const KUBERNETES_DEFAULTS = {
  namespace: "triton",
  name: "triton",
  minReplicas: 2,
  maxReplicas: 4,
  engine: "hpa",
  metric: "pending_requests",
  queueTimeTargetMicroseconds: 50_000,
  prometheusUrl: "http://prometheus-operated.monitoring.svc:9090",
  pvcSize: "20Gi",
  monitoring: "service_monitor",
  cpu: "4",
  memory: "16Gi",
  startupSeconds: 600,
  routerReplicas: 2,
  header: "x-triton-sequence-id",
  routerImage: "nginx:1.27-alpine",
  /** Triton's --exit-timeout-secs: how long it waits for in-flight requests after SIGTERM. */
  exitTimeoutSeconds: 30,
} as const;

export type KubernetesStorage =
  | { kind: "pvc"; claim: string; create: boolean; size: string; storageClass?: string }
  | { kind: "object_store"; url: string; scheme: "s3" | "gs" | "as"; secret: string };

export interface KubernetesSettings {
  namespace: string;
  name: string;
  image: string;
  /** The spec lists python_packages: the stock image lacks them; the Deployment says so. */
  needsCustomImage: boolean;
  minReplicas: number;
  maxReplicas: number;
  engine: "hpa" | "keda";
  metric: "pending_requests" | "queue_time";
  target: number;
  prometheusUrl: string;
  storage: KubernetesStorage;
  monitoring: "service_monitor" | "pod_monitor" | "none";
  cpu: string;
  memory: string;
  /** nvidia.com/gpu per replica (0: none requested). */
  gpus: number;
  /** Size of the memory-backed /dev/shm, as a Kubernetes quantity. */
  shmSize: string;
  startupSeconds: number;
  /** Longest sequence idle timeout of the stateful models, in whole seconds (0 without stateful models). */
  sequenceIdleSeconds: number;
  /** Sequences one replica serves at once (direct strategy: batch slots times instances). */
  sequenceSlots: number;
  hasSequences: boolean;
  routerReplicas: number;
  header: string;
  routerImage: string;
  environment: Record<string, string>;
}

/** docker's `2gb` / `512m` → Kubernetes' `2Gi` / `512Mi` (docker counts in powers of 1024). */
export function shmQuantity(size: string): string {
  const match = /^([0-9]+)\s*([bkmg]?)b?$/i.exec(size.trim());
  if (!match) return "1Gi";
  const unit = (match[2] ?? "").toLowerCase();
  return `${match[1]}${{ "": "", b: "", k: "Ki", m: "Mi", g: "Gi" }[unit] ?? ""}`;
}

function storageOf(k: KubernetesSpec, name: string): KubernetesStorage {
  const storage = k.storage;
  if (storage && "object_store" in storage) {
    const scheme = storage.object_store.url.slice(0, 2) as "s3" | "gs" | "as";
    return {
      kind: "object_store",
      url: storage.object_store.url,
      scheme,
      secret: storage.object_store.credentials_secret,
    };
  }
  const pvc = storage && "pvc" in storage ? storage.pvc : {};
  return {
    kind: "pvc",
    claim: pvc.claim ?? `${name}-models`,
    create: pvc.create ?? true,
    size: pvc.size ?? KUBERNETES_DEFAULTS.pvcSize,
    ...(pvc.storage_class ? { storageClass: pvc.storage_class } : {}),
  };
}

/** Every setting of the Kubernetes manifests, defaults applied. */
export function kubernetesSettings(spec: RepoSpec): KubernetesSettings {
  const k = spec.kubernetes ?? {};
  const D = KUBERNETES_DEFAULTS;
  const name = k.name ?? D.name;
  const stateful = spec.models.filter((m) => m.template === "stateful");
  const idleMicroseconds = Math.max(
    0,
    ...stateful.map((m) => m.sequence?.max_sequence_idle_microseconds ?? DEFAULTS.maxSequenceIdleMicroseconds),
  );
  const slots = Math.max(0, ...stateful.map((m) => Math.max(1, m.max_batch_size ?? 0) * (m.instances?.count ?? 1)));
  const gpus = deploymentGpus(spec.deployment);
  const metric = k.autoscaling?.metric ?? D.metric;
  const minReplicas = k.replicas?.min ?? D.minReplicas;
  return {
    namespace: k.namespace ?? D.namespace,
    name,
    image: k.image ?? tritonImage(spec.deployment),
    needsCustomImage: k.image === undefined && (spec.deployment?.python_packages ?? []).length > 0,
    minReplicas,
    maxReplicas: k.replicas?.max ?? Math.max(D.maxReplicas, minReplicas),
    engine: k.autoscaling?.engine ?? D.engine,
    metric,
    target:
      k.autoscaling?.target ?? (metric === "queue_time" ? D.queueTimeTargetMicroseconds : Math.max(1, slots || 4)),
    prometheusUrl: k.autoscaling?.prometheus_url ?? D.prometheusUrl,
    storage: storageOf(k, name),
    monitoring: k.monitoring ?? D.monitoring,
    cpu: k.resources?.cpu ?? D.cpu,
    memory: k.resources?.memory ?? D.memory,
    gpus: "ids" in gpus ? gpus.ids.length : gpus.count,
    shmSize: shmQuantity(spec.deployment?.shm_size ?? DEFAULTS.shmSize),
    startupSeconds: k.startup_seconds ?? D.startupSeconds,
    sequenceIdleSeconds: Math.ceil(idleMicroseconds / 1_000_000),
    sequenceSlots: slots,
    hasSequences: stateful.length > 0,
    routerReplicas: k.router?.replicas ?? D.routerReplicas,
    header: k.router?.header ?? D.header,
    routerImage: k.router?.image ?? D.routerImage,
    environment: spec.deployment?.environment ?? {},
  };
}
