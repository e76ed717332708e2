import { type RuleFamily, ruleFamily } from "./rule.js";
import { BACKEND_SPECIFIC_REPORTS, checkBackendSpecific } from "./rules/backend.js";
import { BATCH_IO_REPORTS, checkBatchInputsOutputs } from "./rules/batch-io.js";
import { DYNAMIC_BATCHING_REPORTS, checkDynamicBatching } from "./rules/dynamic-batching.js";
import { ENSEMBLE_CONFIG_REPORTS, checkEnsembleConfig } from "./rules/ensemble-config.js";
import { IDENTITY_REPORTS, checkIdentity } from "./rules/identity.js";
import { INSTANCE_GROUP_REPORTS, checkInstanceGroups } from "./rules/instance-group.js";
import { INPUTS_OUTPUTS_REPORTS, checkInputsOutputs } from "./rules/io.js";
import {
  BACKEND_LIBRARY_REPORTS,
  DATA_FILES_REPORTS,
  LABEL_FILES_REPORTS,
  MODEL_FILES_REPORTS,
  MODEL_NAME_REPORTS,
  NAME_MATCHES_DIRECTORY_REPORTS,
  VERSIONS_REPORTS,
  checkBackendLibrary,
  checkDataFiles,
  checkLabelFiles,
  checkModelFiles,
  checkModelName,
  checkNameMatchesDirectory,
  checkVersions,
} from "./rules/layout.js";
import {
  MODEL_METRICS_REPORTS,
  OPTIMIZATION_REPORTS,
  PARAMETERS_REPORTS,
  RESPONSE_CACHE_REPORTS,
  checkModelMetrics,
  checkOptimization,
  checkParameters,
  checkResponseCache,
} from "./rules/policies.js";
import { PYTHON_MODEL_REPORTS, checkPythonModel } from "./rules/python.js";
import { AUTO_COMPLETE_REPORTS, checkAutoComplete } from "./rules/python-autocomplete.js";
import { PYTHON_TENSOR_NAMES_REPORTS, checkPythonTensorNames } from "./rules/python-tensor-names.js";
import { SEQUENCE_BATCHING_REPORTS, checkSequenceBatching } from "./rules/sequence-batching.js";
import { WARMUP_REPORTS, checkWarmup } from "./rules/warmup.js";

/**
 * Every per-model rule family, in the order Triton checks: the config
 * (ValidateModelConfig), then the layout (the folder name, the version
 * folders, the files). The engine runs this one list for a lone config and
 * for a model folder; the layout families report nothing without a folder.
 * The checks across models (ensemble steps, unique names) run after every
 * model is read, in the engine.
 */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  ruleFamily("identity", IDENTITY_REPORTS, checkIdentity),
  ruleFamily("dynamic-batching", DYNAMIC_BATCHING_REPORTS, checkDynamicBatching),
  ruleFamily("sequence-batching", SEQUENCE_BATCHING_REPORTS, checkSequenceBatching),
  ruleFamily("ensemble-config", ENSEMBLE_CONFIG_REPORTS, checkEnsembleConfig),
  ruleFamily("response-cache", RESPONSE_CACHE_REPORTS, checkResponseCache),
  ruleFamily("model-metrics", MODEL_METRICS_REPORTS, checkModelMetrics),
  ruleFamily("inputs-outputs", INPUTS_OUTPUTS_REPORTS, checkInputsOutputs),
  ruleFamily("batch-io", BATCH_IO_REPORTS, checkBatchInputsOutputs),
  ruleFamily("parameters", PARAMETERS_REPORTS, checkParameters),
  ruleFamily("optimization", OPTIMIZATION_REPORTS, checkOptimization),
  ruleFamily("instance-groups", INSTANCE_GROUP_REPORTS, checkInstanceGroups),
  ruleFamily("warmup", WARMUP_REPORTS, checkWarmup),
  ruleFamily("backend-specific", BACKEND_SPECIFIC_REPORTS, checkBackendSpecific),
  ruleFamily("python-model", PYTHON_MODEL_REPORTS, checkPythonModel),
  ruleFamily("auto-complete", AUTO_COMPLETE_REPORTS, checkAutoComplete),
  ruleFamily("python-tensor-names", PYTHON_TENSOR_NAMES_REPORTS, checkPythonTensorNames),
  ruleFamily("model-name", MODEL_NAME_REPORTS, checkModelName),
  ruleFamily("name-matches-directory", NAME_MATCHES_DIRECTORY_REPORTS, checkNameMatchesDirectory),
  ruleFamily("versions", VERSIONS_REPORTS, checkVersions),
  ruleFamily("backend-library", BACKEND_LIBRARY_REPORTS, checkBackendLibrary),
  ruleFamily("model-files", MODEL_FILES_REPORTS, checkModelFiles),
  ruleFamily("label-files", LABEL_FILES_REPORTS, checkLabelFiles),
  ruleFamily("data-files", DATA_FILES_REPORTS, checkDataFiles),
];
