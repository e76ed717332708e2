/**
 * The repository spec: one file (YAML or JSON) that describes every model of a
 * Triton Python-backend deployment and how to run it. Its JSON Schema is
 * `schemas/repo-spec.schema.json`; these types mirror that schema and are what
 * `generateRepository` accepts from TypeScript.
 */

/** Triton data types a Python-backend tensor may carry (TYPE_BF16 has no numpy type, so it is not offered). */
export type TensorDataType =
  | "TYPE_BOOL"
  | "TYPE_UINT8"
  | "TYPE_UINT16"
  | "TYPE_UINT32"
  | "TYPE_UINT64"
  | "TYPE_INT8"
  | "TYPE_INT16"
  | "TYPE_INT32"
  | "TYPE_INT64"
  | "TYPE_FP16"
  | "TYPE_FP32"
  | "TYPE_FP64"
  | "TYPE_STRING";

export interface TensorSpec {
  name: string;
  data_type: TensorDataType;
  /** Shape without the batch dimension; -1 marks a variable-size dimension. */
  dims: number[];
  /** Inputs only: the request may omit it. */
  optional?: boolean;
}

/** The three model.py skeletons. */
export type ModelTemplate = "basic" | "stateful" | "decoupled";

export interface InstancesSpec {
  kind: "gpu" | "cpu";
  /** Instances per GPU (kind gpu) or in total (kind cpu). Default 1. */
  count?: number;
  /** GPU ids (kind gpu). Default: every visible GPU, as Triton does. */
  gpus?: number[];
}

export interface DynamicBatchingSpec {
  preferred_batch_size?: number[];
  max_queue_delay_microseconds?: number;
}

export interface SequenceSpec {
  /** `direct` (one slot per sequence, the default) or `oldest`. */
  strategy?: "direct" | "oldest";
  /** Idle time after which Triton ends a sequence and the stub drops its queue. Default 5 s. */
  max_sequence_idle_microseconds?: number;
  /** Names of the control tensors. Defaults START, END, READY, CORRID. */
  controls?: {
    start?: string;
    end?: string;
    ready?: string;
    corrid?: string;
    /** Default TYPE_UINT64. */
    corrid_data_type?: "TYPE_UINT64" | "TYPE_INT64" | "TYPE_UINT32" | "TYPE_INT32" | "TYPE_STRING";
  };
}

/** Where the model finds its weights: a config parameter, overridable by an environment variable. */
export interface CheckpointSpec {
  /** Path inside the Triton container. */
  path: string;
  /** Name of the config parameter holding the path. Default CHECKPOINT_PATH. */
  parameter?: string;
  /** Environment variable that overrides the parameter. Default CHECKPOINT_DIR. */
  env?: string;
}

export interface ModelSpec {
  name: string;
  template: ModelTemplate;
  /** 0 (or absent) disables batching; then dims are the full shape. */
  max_batch_size?: number;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  instances?: InstancesSpec;
  /** Basic and decoupled templates only: the stateful template batches with the sequence batcher. */
  dynamic_batching?: DynamicBatchingSpec | boolean;
  /** Stateful template only. */
  sequence?: SequenceSpec;
  /** Decoupled template only: how many responses the stub streams per request. Default 1. */
  responses_per_request?: number;
  /** `auto` derives one zero-data sample per model from the inputs; `none` writes no warmup. Default auto. */
  warmup?: "auto" | "none";
  /** String parameters, written to `parameters { key value { string_value } }`. */
  parameters?: Record<string, string>;
  checkpoint?: CheckpointSpec;
  /** Write an `auto_complete_config` that declares the same inputs and outputs. Default false. */
  auto_complete_config?: boolean;
  /**
   * Any other ModelConfig field, in protobuf JSON form, applied last: `parameters` join the others
   * (a key set twice is refused), `model_warmup` replaces the automatic warmup, and a field the spec
   * also sets (instance_group with `instances`, the batchers, a decoupled transaction policy) is refused.
   */
  config?: Record<string, unknown>;
}

export interface EnsembleStepSpec {
  model: string;
  /** Default -1 (latest). */
  version?: number;
  /** Step input tensor name → ensemble tensor name. */
  input_map: Record<string, string>;
  /** Step output tensor name → ensemble tensor name. */
  output_map: Record<string, string>;
}

export interface EnsembleSpec {
  name: string;
  max_batch_size?: number;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  steps: EnsembleStepSpec[];
}

export interface MountSpec {
  /** Host path, relative to the output folder (where docker-compose.yml lives). */
  source: string;
  /** Absolute path inside the containers. */
  target: string;
  read_only?: boolean;
}

export interface AppServiceSpec {
  /** Service name. Default app. */
  name?: string;
  /** Image of the application container. Default python:3.10-slim. */
  image?: string;
  /** Command run in the application container. */
  command?: string[];
  environment?: Record<string, string>;
}

export interface DeploymentSpec {
  /** Triton release, as in `nvcr.io/nvidia/tritonserver:<tag>`. Default 24.08-py3. */
  triton_image_tag?: string;
  /** GPUs to reserve: a count, or a list of device ids. Default 1. */
  gpus?: number | number[];
  /** Shared memory for the Python backend's stub processes. Default 1gb. */
  shm_size?: string;
  mounts?: MountSpec[];
  environment?: Record<string, string>;
  /**
   * PYTHONPATH where something imports from the mounts: Triton's container when there are mounts
   * (or this is set), the app's when it runs a command of its own. Default /workspace.
   */
  pythonpath?: string;
  /** Host folder with checkpoints and where it appears in the containers. */
  checkpoint_dir?: { source: string; target: string };
  /** pip packages for a custom Triton image; a Dockerfile is written when there are any. */
  python_packages?: string[];
  /** The application container that calls Triton; false leaves it out. */
  app?: AppServiceSpec | false;
}

export interface ScriptsSpec {
  /** scripts/test_python_backend.py. Default true. */
  test?: boolean;
  /** scripts/inference_client.py. Default true. */
  client?: boolean;
}

/** Where Triton reads the model repository from in Kubernetes. */
export type KubernetesStorageSpec =
  | {
      /** A PersistentVolumeClaim holding the repository folder, mounted read-only at /models. */
      pvc: {
        /** Claim name. Default `<name>-models`. */
        claim?: string;
        /** Write the claim too (ReadOnlyMany). Default true. */
        create?: boolean;
        /** Requested size when the claim is written. Default 20Gi. */
        size?: string;
        storage_class?: string;
      };
    }
  | {
      /** Triton reads `s3://`, `gs://` or `as://` repositories itself. */
      object_store: {
        url: string;
        /** A Secret you create (never written by gen-repo) with the provider's credentials. */
        credentials_secret: string;
      };
    };

/** Scale-out on Kubernetes: `gen-repo generate --target kubernetes|all`. */
export interface KubernetesSpec {
  /** Default triton. */
  namespace?: string;
  /** Name of the Triton workload and prefix of every object. Default triton. */
  name?: string;
  /** Triton image. Default nvcr.io/nvidia/tritonserver:<triton_image_tag> (set it to your build when the spec lists python_packages). */
  image?: string;
  /** Replica bounds of the autoscaler. Defaults 2 and 4. */
  replicas?: { min?: number; max?: number };
  autoscaling?: {
    /** `hpa` (autoscaling/v2 on a Prometheus-adapter pods metric) or `keda` (ScaledObject with a Prometheus query). Default hpa. */
    engine?: "hpa" | "keda";
    /** `pending_requests` (nv_inference_pending_request_count per replica) or `queue_time` (average µs a request waits). Default pending_requests. */
    metric?: "pending_requests" | "queue_time";
    /** Target per replica. Default: the sequence slots of one replica for pending_requests, 50000 µs for queue_time. */
    target?: number;
    /** KEDA only: the Prometheus the query goes to. Default http://prometheus-operated.monitoring.svc:9090. */
    prometheus_url?: string;
  };
  storage?: KubernetesStorageSpec;
  /** `service_monitor`, `pod_monitor` or `none`. Default service_monitor. */
  monitoring?: "service_monitor" | "pod_monitor" | "none";
  /** Per-replica resources (requests; GPUs come from deployment.gpus). Defaults 4 CPUs, 16Gi. */
  resources?: { cpu?: string; memory?: string };
  /** How long model load and warmup may take before the startup probe gives up. Default 600 s. */
  startup_seconds?: number;
  router?: {
    /** Router replicas. Default 2. */
    replicas?: number;
    /** Header that carries the sequence id; the generated clients send it. Default x-triton-sequence-id. */
    header?: string;
    /** nginx image (1.27.3 or later: `resolve` in upstreams). Default nginx:1.27-alpine. */
    image?: string;
  };
}

export interface RepoSpec {
  /** Spec format version; 1. */
  version: 1;
  /** Folder of the model repository inside the output folder. Default model_repository. */
  repository?: string;
  models: ModelSpec[];
  ensembles?: EnsembleSpec[];
  deployment?: DeploymentSpec;
  scripts?: ScriptsSpec;
  /** Kubernetes manifests (`--target kubernetes|all`); every field has a default. */
  kubernetes?: KubernetesSpec;
}
