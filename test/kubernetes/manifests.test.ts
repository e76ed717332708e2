/**
 * Every generated Kubernetes manifest is a valid object of its API, checked by
 * kubernetes-models (and its prometheus-operator and KEDA packages), for the seed spec and
 * every option combination below; the kustomize base lists exactly the files it holds; and the
 * objects carry what the spec asks for (image, GPUs, shared memory, probes, termination, bounds,
 * storage, router rules).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { PodMonitor, ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { ConfigMap, Namespace, PersistentVolumeClaim, Service } from "kubernetes-models/v1";
import { Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import type { KubernetesSpec, RepoSpec } from "../../src/generate/spec.js";

type Model = new (data: never) => { validate(): void };
const MODELS: Record<string, Model> = {
  "v1/Namespace": Namespace as unknown as Model,
  "v1/Service": Service as unknown as Model,
  "v1/ConfigMap": ConfigMap as unknown as Model,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim as unknown as Model,
  "apps/v1/StatefulSet": StatefulSet as unknown as Model,
  "apps/v1/Deployment": Deployment as unknown as Model,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget as unknown as Model,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler as unknown as Model,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor as unknown as Model,
  "monitoring.coreos.com/v1/PodMonitor": PodMonitor as unknown as Model,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject as unknown as Model,
};

/** Throws kubernetes-models' validation error when the object breaks its API schema. */
function validateObject(object: Record<string, unknown>): void {
  const model = MODELS[`${String(object.apiVersion)}/${String(object.kind)}`];
  if (!model) throw new Error(`no API model for ${String(object.apiVersion)} ${String(object.kind)}`);
  new model(object as never).validate();
}

const seedFile = join(import.meta.dirname, "../../fixtures/act-pick-place.yaml");
const seed = loadSpecFile(seedFile, "fixtures/act-pick-place.yaml").spec as RepoSpec;
const withKubernetes = (kubernetes: KubernetesSpec, base: RepoSpec = seed): RepoSpec => ({ ...base, kubernetes });
const stateless: RepoSpec = {
  version: 1,
  models: [
    {
      name: "classifier",
      template: "basic",
      max_batch_size: 8,
      inputs: [{ name: "x", data_type: "TYPE_FP32", dims: [4] }],
      outputs: [{ name: "y", data_type: "TYPE_FP32", dims: [2] }],
    },
  ],
  deployment: { gpus: 0 },
};

const CASES: Array<[string, RepoSpec]> = [
  ["the seed (defaults)", seed],
  [
    "keda on pending requests, pod monitor",
    withKubernetes({ autoscaling: { engine: "keda" }, monitoring: "pod_monitor" }),
  ],
  [
    "keda on queue time, no monitor",
    withKubernetes({
      autoscaling: { engine: "keda", metric: "queue_time", target: 20000, prometheus_url: "http://prom.example:9090" },
      monitoring: "none",
    }),
  ],
  ["hpa on queue time, fractional target", withKubernetes({ autoscaling: { metric: "queue_time", target: 2.5 } })],
  [
    "existing claim with a storage class",
    withKubernetes({ storage: { pvc: { claim: "models", create: false, storage_class: "nfs" } } }),
  ],
  [
    "new claim with size and class",
    withKubernetes({ storage: { pvc: { size: "100Gi", storage_class: "efs" } }, replicas: { min: 1, max: 8 } }),
  ],
  [
    "s3 repository",
    withKubernetes({
      storage: { object_store: { url: "s3://bucket/models", credentials_secret: "aws-creds" } },
      namespace: "robots",
      name: "act",
    }),
  ],
  [
    "gs repository",
    withKubernetes({ storage: { object_store: { url: "gs://bucket/models", credentials_secret: "gcp-key" } } }),
  ],
  [
    "azure repository",
    withKubernetes({
      storage: { object_store: { url: "as://account/container/models", credentials_secret: "azure" } },
    }),
  ],
  [
    "custom image, resources, router",
    withKubernetes({
      image: "registry.example/act-triton:1.0",
      resources: { cpu: "8", memory: "32Gi" },
      startup_seconds: 1200,
      router: { replicas: 3, header: "x-episode", image: "nginx:1.27.3" },
    }),
  ],
  ["stateless model, no GPU", stateless],
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Generates with --target kubernetes into a temp folder; returns the kubernetes/ files as parsed YAML. */
function generate(
  spec: RepoSpec,
  target: "kubernetes" | "all" = "kubernetes",
): { dir: string; files: Map<string, Record<string, unknown>> } {
  const dir = mkdtempSync(join(tmpdir(), "k8s-gen-"));
  dirs.push(dir);
  const result = generateRepository(spec, { out: dir, target });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const files = new Map<string, Record<string, unknown>>();
  for (const name of readdirSync(join(dir, "kubernetes")))
    files.set(name, parse(readFileSync(join(dir, "kubernetes", name), "utf8")) as Record<string, unknown>);
  return { dir, files };
}

describe("Kubernetes manifests", () => {
  it("the API validator refuses a broken object (the oracle can fail)", () => {
    const { files } = generate(seed);
    const broken = structuredClone(files.get("triton-statefulset.yaml")) as { spec: { replicas: unknown } };
    broken.spec.replicas = "two";
    expect(() => validateObject(broken as unknown as Record<string, unknown>)).toThrow();
    expect(() =>
      validateObject({ apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "x" }, spec: {} }),
    ).toThrow();
  });

  it.each(CASES)("%s: every object passes its API schema and kustomization lists every file", (_name, spec) => {
    const { files } = generate(spec);
    const kustomization = files.get("kustomization.yaml") as { resources: string[]; namespace: string; kind: string };
    expect(kustomization.kind).toBe("Kustomization");
    expect([...kustomization.resources].sort()).toEqual(
      [...files.keys()].filter((f) => f !== "kustomization.yaml").sort(),
    );
    expect(new Set(kustomization.resources).size).toBe(kustomization.resources.length);
    for (const [name, object] of files) {
      if (name === "kustomization.yaml") continue;
      expect(() => validateObject(object), name).not.toThrow();
      // Credentials are the user's: we never write a Secret.
      expect(object.kind).not.toBe("Secret");
    }
  });

  it("the seed: image, GPU, shared memory, probes, ports and sequence-aware termination", () => {
    const { files } = generate(seed);
    const sts = files.get("triton-statefulset.yaml") as any;
    const pod = sts.spec.template.spec;
    const c = pod.containers[0];
    expect(c.image).toBe("nvcr.io/nvidia/tritonserver:24.08-py3");
    expect(c.resources.limits["nvidia.com/gpu"]).toBe("1");
    expect(c.resources.requests).toEqual({ cpu: "4", memory: "16Gi" });
    expect(pod.volumes[0]).toEqual({ name: "dshm", emptyDir: { medium: "Memory", sizeLimit: "2Gi" } });
    expect(c.volumeMounts[0]).toEqual({ name: "dshm", mountPath: "/dev/shm" });
    expect(c.readinessProbe.httpGet.path).toBe("/v2/health/ready");
    expect(c.livenessProbe.httpGet.path).toBe("/v2/health/live");
    expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(600);
    expect(c.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([8000, 8001, 8002]);
    // The ACT policy idles out after 60 s: the replica drains at least that long.
    expect(c.lifecycle.preStop.exec.command).toEqual(["sleep", "60"]);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(60 + 30);
    expect(c.args).toContain("--model-repository=/models");
    const hpa = files.get("hpa.yaml") as any;
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 4]);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "StatefulSet", name: "triton" });
    // The default target is one replica's sequence slots: max_batch_size 4, one instance.
    expect(hpa.spec.metrics[0].pods.target.averageValue).toBe("4");
    expect(files.get("servicemonitor.yaml")).toBeDefined();
  });

  it("the router hashes the sequence header over every replica the autoscaler may create", () => {
    const { files } = generate(seed);
    const conf = (files.get("router-configmap.yaml") as any).data["nginx.conf"] as string;
    expect(conf.match(/hash \$http_x_triton_sequence_id consistent;/g)).toHaveLength(2);
    for (let i = 0; i < 4; i++)
      expect(conf).toContain(`server triton-${i}.triton-replicas.triton.svc.cluster.local:8001 resolve`);
    expect(conf).not.toContain("triton-4.");
    expect(conf).toContain("grpc_pass grpc://$triton_grpc_pool;");
    const service = files.get("router-service.yaml") as any;
    expect(service.spec.selector["app.kubernetes.io/component"]).toBe("router");
  });

  it("object storage: Triton reads the URL itself, credentials from the named Secret", () => {
    const s3 = generate(
      withKubernetes({ storage: { object_store: { url: "s3://bucket/models", credentials_secret: "aws-creds" } } }),
    ).files;
    const c = (s3.get("triton-statefulset.yaml") as any).spec.template.spec.containers[0];
    expect(c.args).toContain("--model-repository=s3://bucket/models");
    expect(c.envFrom).toEqual([{ secretRef: { name: "aws-creds" } }]);
    expect(s3.has("models-pvc.yaml")).toBe(false);
    const gs = generate(
      withKubernetes({ storage: { object_store: { url: "gs://b/m", credentials_secret: "gcp-key" } } }),
    ).files;
    const pod = (gs.get("triton-statefulset.yaml") as any).spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: "object-store-credentials", secret: { secretName: "gcp-key" } });
    expect(pod.containers[0].env).toContainEqual({
      name: "GOOGLE_APPLICATION_CREDENTIALS",
      value: "/var/secrets/object-store/key.json",
    });
  });

  it("--target all writes compose and Kubernetes; compose alone writes no kubernetes/", () => {
    const all = generate(seed, "all");
    expect(readdirSync(all.dir)).toEqual(
      expect.arrayContaining(["docker-compose.yml", "kubernetes", "model_repository", "scripts"]),
    );
    const dir = mkdtempSync(join(tmpdir(), "k8s-gen-"));
    dirs.push(dir);
    expect(generateRepository(seed, { out: dir }).ok).toBe(true);
    expect(readdirSync(dir)).not.toContain("kubernetes");
  });

  it.each([
    ["an unknown field", { replica: 3 }],
    [
      "a URL Triton cannot read",
      { storage: { object_store: { url: "http://bucket/models", credentials_secret: "s" } } },
    ],
    ["object storage without a Secret", { storage: { object_store: { url: "s3://bucket/models" } } }],
    ["a header nginx cannot name", { router: { header: "X_Sequence" } }],
    ["a name that is not a DNS label", { name: "Triton" }],
    ["a bad quantity", { resources: { memory: "16 GB" } }],
    ["an unknown engine", { autoscaling: { engine: "vpa" } }],
  ])("the schema refuses %s", (_name, kubernetes) => {
    const result = generateRepository(
      { ...seed, kubernetes },
      { out: join(tmpdir(), "never"), dryRun: true, target: "kubernetes" },
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain("GEN-SPEC-SCHEMA");
  });

  it("a manifest the spec no longer produces is reported stale, and kustomization.yaml no longer lists it", () => {
    const dir = mkdtempSync(join(tmpdir(), "k8s-gen-"));
    dirs.push(dir);
    expect(generateRepository(seed, { out: dir, target: "kubernetes" }).ok).toBe(true);
    const second = generateRepository(withKubernetes({ autoscaling: { engine: "keda" } }), {
      out: dir,
      target: "kubernetes",
    });
    expect(second.ok).toBe(true);
    expect(second.diagnostics).toContainEqual(
      expect.objectContaining({ code: "GEN-STALE", severity: "warning", file: "kubernetes/hpa.yaml" }),
    );
    expect(readFileSync(join(dir, "kubernetes/kustomization.yaml"), "utf8")).not.toContain("hpa.yaml");
    // A compose-only run leaves kubernetes/ alone and says nothing about it.
    const compose = generateRepository(seed, { out: dir });
    expect(compose.diagnostics.filter((d) => d.file?.startsWith("kubernetes/"))).toEqual([]);
  });

  it("refuses min above max at the spec's line and column", () => {
    const dir = mkdtempSync(join(tmpdir(), "k8s-spec-"));
    dirs.push(dir);
    const text = `${readFileSync(seedFile, "utf8")}kubernetes:\n  replicas:\n    min: 5\n    max: 2\n`;
    const file = join(dir, "spec.yaml");
    writeFileSync(file, text);
    const line = text.split("\n").indexOf("    min: 5") + 1;
    const bad = generateRepository(loadSpecFile(file, "spec.yaml"), {
      out: join(dir, "out"),
      dryRun: true,
      target: "kubernetes",
    });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "GEN-SPEC-SCHEMA",
        file: "spec.yaml",
        line,
        message: "kubernetes.replicas.min (5) is above kubernetes.replicas.max (2)",
      }),
    );
    // compose alone does not read the section's rules
    expect(generateRepository(loadSpecFile(file, "spec.yaml"), { out: join(dir, "out"), dryRun: true }).ok).toBe(true);
  });
});
