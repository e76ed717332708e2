/**
 * `--target kubernetes`: the files of `<out>/kubernetes/`, a kustomize base with one file per
 * object and a kustomization.yaml that lists them all, in memory. Pure, like planRepository.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { GEN_CODES } from "../codes.js";
import type { RepoSpec } from "../spec.js";
import { type SpecSource, specDiagnostic } from "../spec-source.js";
import { autoscaler, monitor } from "./autoscaling.js";
import {
  clusterRouterConfig,
  routerConfigMap,
  routerDeployment,
  routerDisruptionBudget,
  routerService,
} from "./router.js";
import { type KubernetesSettings, kubernetesSettings } from "./settings.js";
import { modelsClaim, replicasService, tritonDisruptionBudget, tritonStatefulSet } from "./triton.js";
import { type Manifest, manifestText } from "./yaml-file.js";

/** The folder, inside the output folder, that holds the kustomize base. */
export const KUBERNETES_FOLDER = "kubernetes";

export interface KubernetesPlan {
  /** Paths relative to the output folder, `/` separators; text without the generated-file marker. */
  files: Array<{ path: string; text: string }>;
  diagnostics: Diagnostic[];
}

/** What the schema cannot say about the kubernetes section. */
export function checkKubernetesSpec(spec: RepoSpec, source: SpecSource): Diagnostic[] {
  const replicas = spec.kubernetes?.replicas;
  if (replicas?.min !== undefined && replicas.max !== undefined && replicas.min > replicas.max) {
    return [
      specDiagnostic(
        source,
        GEN_CODES.specSchema,
        ["kubernetes", "replicas", "min"],
        `kubernetes.replicas.min (${replicas.min}) is above kubernetes.replicas.max (${replicas.max})`,
        {
          hint: "the autoscaler keeps the replica count between min and max: min must not exceed max",
        },
      ),
    ];
  }
  return [];
}

function namespaceManifest(s: KubernetesSettings): Manifest {
  return {
    file: "namespace.yaml",
    header: ["Everything of this deployment lives in one namespace (kustomization.yaml sets it on every object)."],
    object: { apiVersion: "v1", kind: "Namespace", metadata: { name: s.namespace } },
  };
}

/** Every manifest of the spec, in the order kustomization.yaml lists them. */
export function kubernetesManifests(spec: RepoSpec): Manifest[] {
  const s = kubernetesSettings(spec);
  const config = clusterRouterConfig(s);
  const optional = (m: Manifest | undefined) => (m ? [m] : []);
  return [
    namespaceManifest(s),
    ...optional(modelsClaim(s)),
    tritonStatefulSet(spec, s),
    replicasService(s),
    tritonDisruptionBudget(s),
    routerConfigMap(s, config),
    routerDeployment(s, config),
    routerService(s),
    routerDisruptionBudget(s),
    ...optional(monitor(s)),
    autoscaler(s),
  ];
}

function kustomization(s: KubernetesSettings, manifests: Manifest[]): string {
  return manifestText({
    file: "kustomization.yaml",
    header: [
      "A kustomize base: kubectl apply -k kubernetes/ (or reference it from an overlay that patches",
      "image, replicas or resources for an environment).",
    ],
    object: {
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      namespace: s.namespace,
      labels: [{ pairs: { "app.kubernetes.io/part-of": s.name, "app.kubernetes.io/managed-by": "triton-repo" } }],
      resources: manifests.map((m) => m.file),
    },
  });
}

/** The kubernetes/ files of a spec that passed checkSpecValue. */
export function planKubernetes(spec: RepoSpec, source: SpecSource): KubernetesPlan {
  const diagnostics = checkKubernetesSpec(spec, source);
  if (diagnostics.length > 0) return { files: [], diagnostics };
  const s = kubernetesSettings(spec);
  const manifests = kubernetesManifests(spec);
  const files = manifests.map((m) => ({ path: `${KUBERNETES_FOLDER}/${m.file}`, text: manifestText(m) }));
  files.push({ path: `${KUBERNETES_FOLDER}/kustomization.yaml`, text: kustomization(s, manifests) });
  return { files, diagnostics };
}
