import { listDirectory } from "../repository/probe.js";
import type { ValidateOptions } from "./types.js";

/**
 * The backends of the stock `nvcr.io/nvidia/tritonserver:<yy.mm>-py3` image
 * (`/opt/tritonserver/backends`), assumed installed when no `--backend-dir`
 * is given. `vllm` is a Python-based backend (a `model.py`, no library).
 */
export const STOCK_BACKENDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["dali", ["libtriton_dali.so"]],
  ["fil", ["libtriton_fil.so"]],
  ["identity", ["libtriton_identity.so"]],
  ["onnxruntime", ["libtriton_onnxruntime.so"]],
  ["openvino", ["libtriton_openvino.so"]],
  ["python", ["libtriton_python.so"]],
  ["pytorch", ["libtriton_pytorch.so"]],
  ["repeat", ["libtriton_repeat.so"]],
  ["square", ["libtriton_square.so"]],
  ["tensorflow", ["libtriton_tensorflow.so"]],
  ["tensorrt", ["libtriton_tensorrt.so"]],
  ["tensorrtllm", ["libtriton_tensorrtllm.so"]],
  ["vllm", ["model.py"]],
]);

/** The release assumed without `--triton-version` (stated in `gen-repo validate --help`). */
export const DEFAULT_TRITON_VERSION = "25.12";

/**
 * Stock backends that are not in every release's image, with the first and
 * last release (YY.MM, inclusive) that ship them: TensorFlow left the image
 * after 25.03; the vLLM and TensorRT-LLM backends arrived in 23.10 (in their
 * own image flavours of the same release).
 */
const BACKEND_RELEASES: ReadonlyMap<string, { since?: string; until?: string }> = new Map([
  ["tensorflow", { until: "25.03" }],
  ["vllm", { since: "23.10" }],
  ["tensorrtllm", { since: "23.10" }],
]);

/** Whether `YY.MM` is a release number. */
export function isTritonVersion(value: string): boolean {
  return /^\d{2}\.(0[1-9]|1[0-2])$/.test(value);
}

/** Why a stock backend is missing from the image of a release, or undefined when the release ships it. */
export function stockBackendAbsence(backend: string, version: string): string | undefined {
  const releases = BACKEND_RELEASES.get(backend);
  if (releases?.until !== undefined && version > releases.until)
    return `the ${backend} backend left the stock image after ${releases.until}`;
  if (releases?.since !== undefined && version < releases.since)
    return `the ${backend} backend arrived in the stock images with ${releases.since}`;
  return undefined;
}

/** `--min-supported-compute-capability` default (TRITON_MIN_COMPUTE_CAPABILITY), as Triton prints it. */
export const MIN_COMPUTE_CAPABILITY = "6.000000";

/** The serving host as the options describe it. */
export interface Environment {
  /** Usable GPU ids, or undefined when the host is not described. */
  readonly gpus: readonly number[] | undefined;
  /** Whether a backend directory was given (true) or the stock image is assumed (false). */
  readonly backendDirGiven: boolean;
  /** The Triton release assumed (YY.MM): its stock image's backends. */
  readonly tritonVersion: string;
  /** File names in `<backends>/<backend>/`, or undefined when the backend is not installed. */
  backendFiles(backend: string): readonly string[] | undefined;
  /** The directory searched for a backend, as Triton prints it in messages. */
  backendPath(backend: string): string;
}

/** Builds the environment view from options; a backend directory is listed lazily, once per backend. */
export function environmentFrom(options: ValidateOptions): Environment {
  const backendDir = options.backendDir;
  const cache = new Map<string, readonly string[] | undefined>();
  const tritonVersion = options.tritonVersion ?? DEFAULT_TRITON_VERSION;
  return {
    gpus: options.gpus,
    backendDirGiven: backendDir !== undefined,
    tritonVersion,
    backendFiles(backend) {
      if (backendDir === undefined)
        return stockBackendAbsence(backend, tritonVersion) === undefined ? STOCK_BACKENDS.get(backend) : undefined;
      if (cache.has(backend)) return cache.get(backend);
      const listing = backend === "" || backend.includes("/") ? undefined : listDirectory(`${backendDir}/${backend}`);
      const files = listing?.entries.map((e) => e.name);
      cache.set(backend, files);
      return files;
    },
    backendPath(backend) {
      return `${backendDir ?? "/opt/tritonserver/backends"}/${backend}`;
    },
  };
}
