/**
 * One-line descriptions, in our own words, of every message, enum and field of
 * model_config.proto, for the doc comments of generated/model-config.ts and the
 * `description`s of generated/model-config.schema.json.
 *
 * A comment written in schemas/model_config.proto wins; these fill the gaps.
 * Keys are package-relative proto names (`ModelInstanceGroup.SecondaryDevice`,
 * `ModelConfig.max_batch_size`). The generator refuses to run when a field has
 * neither, so a field added to the schema cannot ship undocumented, and a key
 * here that names nothing is reported too (see `unusedDocKeys`).
 */

/** Descriptions of messages and enums that the proto leaves uncommented. */
export const TYPE_DOCS: Readonly<Record<string, string>> = {
  "ModelInstanceGroup.SecondaryDevice.SecondaryDeviceKind": "Kinds of secondary device an instance can be given.",
  "BatchInput.Kind": "What a batch input tensor holds about the batch it accompanies.",
  "BatchOutput.Kind": "How a batch output is split back over the requests of the batch.",
  "ModelVersionPolicy.Latest": "Serve the newest versions only.",
  "ModelVersionPolicy.All": "Serve every version found in the model folder.",
  "ModelVersionPolicy.Specific": "Serve exactly the listed versions.",
  "ModelOptimizationPolicy.Graph": "Graph-level optimisation of the framework, where the backend supports it.",
  "ModelOptimizationPolicy.Cuda.GraphSpec": "One CUDA graph to capture, for a batch size and input shapes.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.Shape": "The shape of one input of a captured CUDA graph.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.LowerBound":
    "Smallest batch size and shapes a captured CUDA graph may also serve.",
  "ModelOptimizationPolicy.ExecutionAccelerators.Accelerator": "One accelerator by name, with its own settings.",
  "ModelQueuePolicy.TimeoutAction": "What happens to a request whose queue timeout expires.",
  "ModelSequenceBatching.Control.Kind": "Which sequence signal a control tensor carries.",
  "ModelRepositoryAgents.Agent": "One repository agent by name, with its parameters.",
  "ModelMetrics.MetricControl": "Settings for one metric family of this model.",
  "ModelMetrics.MetricControl.MetricIdentifier": "Names the metric family a control applies to.",
  "ModelMetrics.MetricControl.HistogramOptions": "Bucket boundaries of a histogram metric.",
};

/** Descriptions of fields that the proto leaves uncommented (or where ours says more). */
export const FIELD_DOCS: Readonly<Record<string, string>> = {
  "ModelRateLimiter.resources": "Resources every instance of the group must acquire before it executes.",
  "ModelRateLimiter.priority":
    "Scheduling weight among instances: priority 2 gets half the turns of priority 1; 0 counts as 1.",
  "ModelRateLimiter.Resource.name": "Resource name, shared by every model that names it.",
  "ModelRateLimiter.Resource.global": "Whether the resource is shared by all devices rather than counted per device.",
  "ModelRateLimiter.Resource.count": "Units of the resource one execution needs.",

  "ModelInstanceGroup.name": "Group name; Triton derives one from the model name when empty.",
  "ModelInstanceGroup.kind": "Device kind the instances run on.",
  "ModelInstanceGroup.rate_limiter": "Resources and priority used by the rate limiter for these instances.",
  "ModelInstanceGroup.secondary_devices": "Extra devices each instance is given.",
  "ModelInstanceGroup.profile": "TensorRT optimisation profiles the instances may use, by index.",
  "ModelInstanceGroup.passive": "Load the instances but never schedule requests on them.",
  "ModelInstanceGroup.host_policy": "Name of the host policy (CPU cores, NUMA node) the instances follow.",
  "ModelInstanceGroup.SecondaryDevice.kind": "Kind of the secondary device.",
  "ModelInstanceGroup.SecondaryDevice.device_id": "Device id of the secondary device.",

  "ModelTensorReshape.shape": "The shape the model sees, without the batch dimension.",

  "ModelInput.name": "Tensor name as the model and the client use it.",
  "ModelInput.data_type": "Element type of the tensor.",
  "ModelInput.format": "Image layout of the tensor, for backends that need it.",
  "ModelInput.reshape": "Shape the tensor is given before it reaches the model.",
  "ModelInput.is_shape_tensor": "The tensor holds a shape (TensorRT shape tensors) rather than data.",
  "ModelInput.allow_ragged_batch": "Requests of a batch may send this tensor with different shapes.",
  "ModelInput.optional": "Requests may leave this input out.",
  "ModelInput.is_non_linear_format_io": "The tensor uses a non-linear memory layout (TensorRT only).",

  "ModelOutput.name": "Tensor name as the model and the client use it.",
  "ModelOutput.data_type": "Element type of the tensor.",
  "ModelOutput.dims": "Shape without the batch dimension; -1 marks a variable-size dimension.",
  "ModelOutput.reshape": "Shape the model produces, before Triton gives the tensor its configured dims.",
  "ModelOutput.label_filename": "File in the model folder with one class label per line, for classification results.",
  "ModelOutput.is_shape_tensor": "The tensor holds a shape (TensorRT shape tensors) rather than data.",
  "ModelOutput.is_non_linear_format_io": "The tensor uses a non-linear memory layout (TensorRT only).",

  "BatchInput.kind": "What the tensor holds about the batch.",
  "BatchInput.target_name": "Name of the model input that receives the tensor.",
  "BatchInput.data_type": "Element type of the tensor; only TYPE_INT32 and TYPE_FP32 are accepted.",
  "BatchInput.source_input": "Inputs whose shapes or element counts the tensor is computed from.",

  "BatchOutput.target_name": "Outputs that are scattered back this way.",
  "BatchOutput.kind": "How the outputs are split back over the requests.",
  "BatchOutput.source_input": "Input whose per-request shape tells how to split the outputs.",

  "ModelVersionPolicy.latest": "Serve the newest versions.",
  "ModelVersionPolicy.all": "Serve every version.",
  "ModelVersionPolicy.specific": "Serve the listed versions.",
  "ModelVersionPolicy.Latest.num_versions": "How many of the newest versions to serve.",
  "ModelVersionPolicy.Specific.versions": "Version numbers to serve.",

  "ModelOptimizationPolicy.graph": "Framework graph optimisation level.",
  "ModelOptimizationPolicy.priority": "Scheduling priority of the model's instances.",
  "ModelOptimizationPolicy.cuda": "CUDA-specific settings.",
  "ModelOptimizationPolicy.execution_accelerators": "Accelerators the backend should apply.",
  "ModelOptimizationPolicy.input_pinned_memory": "Whether inputs are staged in pinned host memory.",
  "ModelOptimizationPolicy.output_pinned_memory": "Whether outputs are staged in pinned host memory.",
  "ModelOptimizationPolicy.gather_kernel_buffer_threshold":
    "Number of input buffers from which a GPU gather kernel collects them into one; 0 disables the kernel.",
  "ModelOptimizationPolicy.eager_batching":
    "Prepare the next batch while the current one runs, at the cost of smaller batches (TensorRT).",
  "ModelOptimizationPolicy.Graph.level":
    "Optimisation level: -1 disables, 0 keeps the framework default, higher values optimise more.",
  "ModelOptimizationPolicy.Cuda.graphs": "Capture CUDA graphs to cut launch overhead (TensorRT, ONNX Runtime).",
  "ModelOptimizationPolicy.Cuda.busy_wait_events":
    "Busy-wait on CUDA events instead of blocking, trading CPU for latency.",
  "ModelOptimizationPolicy.Cuda.graph_spec": "The CUDA graphs to capture; empty lets the backend choose.",
  "ModelOptimizationPolicy.Cuda.output_copy_stream": "Copy outputs on a separate CUDA stream.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.batch_size": "Batch size of the captured graph.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.input": "Shape of each input, by input name.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.graph_lower_bound":
    "Smallest batch size and shapes the graph may also serve.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.Shape.dim": "Dimensions of the input.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.LowerBound.batch_size": "Smallest batch size the graph serves.",
  "ModelOptimizationPolicy.Cuda.GraphSpec.LowerBound.input": "Smallest shape of each input, by input name.",
  "ModelOptimizationPolicy.ExecutionAccelerators.gpu_execution_accelerator":
    "Accelerators for instances on GPU, tried in order.",
  "ModelOptimizationPolicy.ExecutionAccelerators.cpu_execution_accelerator":
    "Accelerators for instances on CPU, tried in order.",
  "ModelOptimizationPolicy.ExecutionAccelerators.Accelerator.name":
    'Accelerator name, such as "tensorrt" or "openvino".',
  "ModelOptimizationPolicy.ExecutionAccelerators.Accelerator.parameters":
    "Accelerator settings, by name (values are strings).",
  "ModelOptimizationPolicy.PinnedMemoryBuffer.enable": "Use pinned host memory for the staging buffers.",

  "ModelQueuePolicy.timeout_action": "What to do with a request once its timeout expires.",
  "ModelQueuePolicy.default_timeout_microseconds": "Timeout of a request that sets none; 0 means no timeout.",
  "ModelQueuePolicy.allow_timeout_override": "Let a request set a shorter timeout of its own.",
  "ModelQueuePolicy.max_queue_size": "Most requests the queue holds before new ones are rejected; 0 means no limit.",

  "ModelDynamicBatching.preferred_batch_size":
    "Batch sizes the scheduler tries to form; each must not exceed max_batch_size.",
  "ModelDynamicBatching.preserve_ordering": "Send responses in the order the requests arrived.",
  "ModelDynamicBatching.priority_levels": "Number of priority levels; 0 means a single queue without priorities.",
  "ModelDynamicBatching.default_priority_level":
    "Priority given to requests that set none; must lie within priority_levels.",
  "ModelDynamicBatching.default_queue_policy":
    "Queue policy of every priority level not listed in priority_queue_policy.",
  "ModelDynamicBatching.priority_queue_policy": "Queue policy per priority level, keyed by level.",

  "ModelSequenceBatching.direct": "Give every sequence its own batch slot.",
  "ModelSequenceBatching.oldest": "Batch the oldest requests of several sequences together.",
  "ModelSequenceBatching.control_input": "Input tensors that carry the sequence control signals to the model.",
  "ModelSequenceBatching.state": "Implicit state tensors Triton keeps between the requests of a sequence.",
  "ModelSequenceBatching.iterative_sequence": "The model re-queues requests of a sequence itself (iterative decoding).",
  "ModelSequenceBatching.Control.kind": "Which signal the tensor carries.",
  "ModelSequenceBatching.Control.int32_false_true": "Values (false, then true) of an INT32 control tensor.",
  "ModelSequenceBatching.Control.fp32_false_true": "Values (false, then true) of an FP32 control tensor.",
  "ModelSequenceBatching.Control.bool_false_true": "Values (false, then true) of a BOOL control tensor.",
  "ModelSequenceBatching.Control.data_type":
    "Element type of the correlation-id tensor (CONTROL_SEQUENCE_CORRID only).",
  "ModelSequenceBatching.ControlInput.name": "Name of the model input that receives the signals.",
  "ModelSequenceBatching.ControlInput.control": "The signals carried by this input.",
  "ModelSequenceBatching.InitialState.data_type": "Element type of the initial value.",
  "ModelSequenceBatching.InitialState.dims": "Shape of the initial value.",
  "ModelSequenceBatching.InitialState.zero_data": "Start the state filled with zeros.",
  "ModelSequenceBatching.InitialState.data_file":
    "Start the state from this file under the model's initial_state folder.",
  "ModelSequenceBatching.InitialState.name": "Name of this initial state.",
  "ModelSequenceBatching.State.input_name": "Model input that receives the state.",
  "ModelSequenceBatching.State.output_name": "Model output that produces the next state.",
  "ModelSequenceBatching.State.data_type": "Element type of the state tensor.",
  "ModelSequenceBatching.State.dims": "Shape of the state tensor; -1 marks a variable-size dimension.",
  "ModelSequenceBatching.State.initial_state": "Value of the state when a sequence starts; zeros when empty.",
  "ModelSequenceBatching.State.use_same_buffer_for_input_output": "Read and write the state in one buffer.",
  "ModelSequenceBatching.State.use_growable_memory": "Let the state buffer grow as the sequence goes on.",
  "ModelSequenceBatching.StrategyDirect.max_queue_delay_microseconds":
    "How long to wait for requests of other sequences before running a partial batch.",
  "ModelSequenceBatching.StrategyDirect.minimum_slot_utilization":
    "Share of batch slots, between 0 and 1, that must hold a request before the delay is cut short.",
  "ModelSequenceBatching.StrategyOldest.max_candidate_sequences": "Most sequences that compete for a batch at a time.",
  "ModelSequenceBatching.StrategyOldest.preferred_batch_size": "Batch sizes the scheduler tries to form.",
  "ModelSequenceBatching.StrategyOldest.max_queue_delay_microseconds":
    "How long a request may wait for a preferred batch to form.",
  "ModelSequenceBatching.StrategyOldest.preserve_ordering": "Send responses in the order the requests arrived.",

  "ModelEnsembling.step": "The models of the pipeline, each with its tensor wiring.",
  "ModelEnsembling.max_inflight_requests":
    "Most requests in flight at each step for one ensemble request; 0 means no limit.",
  "ModelEnsembling.Step.model_name": "Model this step runs.",
  "ModelEnsembling.Step.model_version": "Version of the model to run; -1 picks the newest.",
  "ModelEnsembling.Step.input_map": "Step model input name to ensemble tensor name.",
  "ModelEnsembling.Step.output_map": "Step model output name to ensemble tensor name.",
  "ModelEnsembling.Step.model_namespace": "Namespace of the model, when model namespacing is on.",

  "ModelParameter.string_value": "The value, always a string; the backend parses it.",

  "ModelWarmup.name": "Name of the warmup sample, used in logs.",
  "ModelWarmup.batch_size": "Batch size of the warmup request; Triton skips a sample whose batch size is 0.",
  "ModelWarmup.inputs": "Value of each input, by input name.",
  "ModelWarmup.count": "How many times the sample is sent; 0 counts as 1.",
  "ModelWarmup.Input.data_type": "Element type of the input.",
  "ModelWarmup.Input.dims": "Shape of the input, without the batch dimension; no -1 allowed.",
  "ModelWarmup.Input.zero_data": "Fill the input with zeros.",
  "ModelWarmup.Input.random_data": "Fill the input with random values.",
  "ModelWarmup.Input.input_data_file": "Read the input from this file under the model's warmup folder.",

  "ModelOperations.op_library_filename": "Shared libraries of custom operations, loaded before the model.",
  "ModelTransactionPolicy.decoupled": "The model may send any number of responses per request, at any time.",
  "ModelRepositoryAgents.agents": "Agents applied in order.",
  "ModelRepositoryAgents.Agent.name": "Agent name.",
  "ModelRepositoryAgents.Agent.parameters": "Agent settings, by name (values are strings).",
  "ModelResponseCache.enable": "Serve repeated requests from the response cache.",
  "ModelMetrics.metric_control": "Overrides, one per metric family.",
  "ModelMetrics.MetricControl.metric_identifier": "The metric family the override applies to.",
  "ModelMetrics.MetricControl.histogram_options": "Histogram settings for the family.",
  "ModelMetrics.MetricControl.MetricIdentifier.family":
    'Metric family name, such as "nv_inference_first_response_histogram_ms".',
  "ModelMetrics.MetricControl.HistogramOptions.buckets": "Upper bounds of the histogram buckets, in increasing order.",

  "ModelConfig.name": "Model name; must match the model's folder in the repository.",
  "ModelConfig.version_policy": "Which versions are served; the newest one when unset.",
  "ModelConfig.input": "Inputs the model takes.",
  "ModelConfig.output": "Outputs the model produces.",
  "ModelConfig.batch_input": "Tensors Triton computes from each batch and passes to the model.",
  "ModelConfig.batch_output": "Outputs Triton splits back over the requests of a batch.",
  "ModelConfig.optimization": "Optimisation settings.",
  "ModelConfig.dynamic_batching": "Merge independent requests into batches (stateless models).",
  "ModelConfig.sequence_batching": "Route the requests of a sequence to the same slot (stateful models).",
  "ModelConfig.ensemble_scheduling": 'The pipeline of an ensemble model (platform "ensemble").',
  "ModelConfig.instance_group": "Where instances run and how many; one instance on each GPU (or the CPU) when empty.",
  "ModelConfig.cc_model_filenames": 'Model file to load per GPU compute capability ("8.6": "model_sm86.plan").',
  "ModelConfig.metric_tags": "Extra labels attached to this model's metrics.",
  "ModelConfig.model_warmup": "Requests sent to each instance before the model is marked ready.",
  "ModelConfig.model_operations": "Custom operation libraries to load.",
  "ModelConfig.model_transaction_policy": "Whether the model is decoupled.",
  "ModelConfig.model_repository_agents": "Repository agents to run before the model loads.",
  "ModelConfig.response_cache": "Response cache setting of the model.",
  "ModelConfig.model_metrics": "Per-model metric settings.",
};
