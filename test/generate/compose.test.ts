/**
 * docker-compose.yml: it parses as YAML and says what running the Python
 * backend on a GPU needs (image, command, ports, mounts, shared memory, GPU
 * reservation, health check) and starts the application only once Triton is
 * healthy.
 */
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkSpecValue, loadSpecFile } from "../../src/generate/load-spec.js";
import { planRepository } from "../../src/generate/plan.js";
import type { RepoSpec } from "../../src/generate/spec.js";
import { minimalSpec } from "./support/minimal-spec.js";
import { join } from "node:path";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "act-pick-place.yaml");

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  ports?: string[];
  volumes?: { type: string; source: string; target: string; read_only: boolean }[];
  environment?: Record<string, string>;
  shm_size?: string;
  deploy?: {
    resources: {
      reservations: { devices: { driver: string; count?: number; device_ids?: string[]; capabilities: string[] }[] };
    };
  };
  healthcheck?: { test: string[]; interval: string; retries: number };
  depends_on?: Record<string, { condition: string }>;
}

function compose(spec: RepoSpec): { services: Record<string, Service> } {
  const checked = checkSpecValue(spec);
  if (!checked.spec) throw new Error(JSON.stringify(checked.diagnostics));
  const file = planRepository(checked.spec, checked.source).files.find((f) => f.path === "docker-compose.yml");
  return parseYaml(file?.content ?? "") as { services: Record<string, Service> };
}

describe("docker-compose.yml of the ACT fixture", () => {
  const spec = loadSpecFile(FIXTURE).spec as RepoSpec;
  const { services } = compose(spec);
  const triton = services.triton as Service;

  it("builds the custom Triton image and starts tritonserver on the mounted repository", () => {
    expect(triton.build).toEqual({ context: ".", dockerfile: "Dockerfile" });
    expect(triton.command).toEqual(["tritonserver", "--model-repository=/models"]);
  });

  it("publishes HTTP, gRPC and metrics", () => {
    expect(triton.ports).toEqual(["8000:8000", "8001:8001", "8002:8002"]);
  });

  it("mounts the repository, the sources and the outputs, not the scripts (Triton never reads them)", () => {
    expect(triton.volumes?.map((v) => [v.source, v.target, v.read_only])).toEqual([
      ["./model_repository", "/models", true],
      ["./trossen_arm_mujoco", "/workspace/trossen_arm_mujoco", true],
      ["./outputs", "/workspace/outputs", false],
    ]);
  });

  it("sets only PYTHONPATH (the models import from the mounts) and enough shared memory", () => {
    // The model reads its checkpoint from the config parameter or ACT_CHECKPOINT_PATH, never CHECKPOINT_DIR.
    expect(triton.environment).toEqual({ PYTHONPATH: "/workspace" });
    expect(triton.shm_size).toBe("2gb");
  });

  it("reserves the GPU", () => {
    expect(triton.deploy?.resources.reservations.devices).toEqual([
      { driver: "nvidia", count: 1, capabilities: ["gpu"] },
    ]);
  });

  it("checks health on /v2/health/ready", () => {
    expect(triton.healthcheck?.test).toEqual(["CMD", "curl", "-fsS", "http://localhost:8000/v2/health/ready"]);
  });

  it("starts the application once Triton is healthy, pointed at its gRPC port, with only what the client reads", () => {
    const app = services.app as Service;
    expect(app.depends_on).toEqual({ triton: { condition: "service_healthy" } });
    expect(app.environment).toEqual({ TRITON_URL: "triton:8001" });
    expect(app.volumes?.map((v) => [v.source, v.target, v.read_only])).toEqual([
      ["./scripts", "/workspace/scripts", true],
    ]);
  });

  it("installs the tritonclient of the Triton release (24.08 is 2.49) and waits for the server", () => {
    const command = (services.app as Service).command ?? [];
    expect(command[0]).toBe("sh");
    expect(command[2]).toContain("'tritonclient[grpc]==2.49.*'");
    expect(command[2]).toContain("python scripts/inference_client.py --wait 300");
  });
});

describe("docker-compose.yml options", () => {
  it.each([
    ["a GPU count", 2, { driver: "nvidia", count: 2, capabilities: ["gpu"] }],
    ["GPU ids", [1, 3], { driver: "nvidia", device_ids: ["1", "3"], capabilities: ["gpu"] }],
  ])("reserves %s", (_label, gpus, device) => {
    const triton = compose(minimalSpec({ gpus })).services.triton as Service;
    expect(triton.deploy?.resources.reservations.devices).toEqual([device]);
  });

  it("reserves no GPU for a count of 0", () => {
    expect(compose(minimalSpec({ gpus: 0 })).services.triton?.deploy).toBeUndefined();
  });

  it("pins the stock image when no Python packages are asked for, and defaults to one GPU and 1gb", () => {
    const triton = compose(minimalSpec(undefined)).services.triton as Service;
    expect(triton.image).toBe("nvcr.io/nvidia/tritonserver:24.08-py3");
    expect(triton.build).toBeUndefined();
    expect(triton.shm_size).toBe("1gb");
    expect(triton.deploy?.resources.reservations.devices[0]?.count).toBe(1);
  });

  it.each([
    ["24.08-py3", "2.49.*"],
    ["23.01-py3", "2.30.*"],
    ["25.01-py3", "2.54.*"],
    ["latest", undefined],
  ])("pins the app's tritonclient to the release of image %s", (tag, version) => {
    const command = compose(minimalSpec({ triton_image_tag: tag })).services.app?.command?.[2] ?? "";
    expect(command).toContain(version ? `'tritonclient[grpc]==${version}'` : "'tritonclient[grpc]' ");
  });

  it("gives an app with its own command the spec's mounts and PYTHONPATH too (its code may read them)", () => {
    const spec = minimalSpec({
      mounts: [{ source: "./sim", target: "/workspace/sim" }],
      app: { command: ["python", "sim/run.py"] },
    });
    const { services } = compose(spec);
    expect(services.app?.volumes?.map((v) => v.target)).toEqual(["/workspace/sim", "/workspace/scripts"]);
    expect(services.app?.environment).toEqual({ PYTHONPATH: "/workspace", TRITON_URL: "triton:8001" });
    expect(services.triton?.environment).toEqual({ PYTHONPATH: "/workspace" });
  });

  it("sets no environment on Triton when nothing reads one", () => {
    expect(compose(minimalSpec(undefined)).services.triton?.environment).toBeUndefined();
  });

  it("leaves the application out with app: false", () => {
    expect(Object.keys(compose(minimalSpec({ app: false })).services)).toEqual(["triton"]);
  });
});
