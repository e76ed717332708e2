import type { ModelConfig } from "../../generated/model-config.js";
import type { ModelFolder } from "../repository/types.js";
import type { MessageValue } from "../pbtxt/types.js";
import { cloneMessage, has, str } from "../config/view.js";
import type { PythonSource } from "../python/source.js";
import { type DetectionListing, detectionListing } from "./autofill.js";
import { finishEnsemble } from "./ensemble.js";
import { normalizeInstanceGroups } from "./instance-groups.js";
import { serverAutofill } from "./normalize.js";
import { applyPythonAutoComplete } from "./python-auto-complete.js";

/**
 * The configuration as Triton will report it after loading
 * (`GET /v2/models/<m>/config`), computed offline from the written config:
 * ND-1/ND-2 identity autofill (with RL-10 file detection when the model's
 * folder is known), ND-3…ND-6 normalisation, ND-7/ND-8 instance groups for
 * the given GPUs, ND-10 for ensembles. Backend auto-complete (ND-11) needs
 * the model binary or running model.py; it is applied only for a Python
 * model whose auto_complete_config is made of literal calls we can replay.
 */
export interface EffectiveConfigOptions {
  /** The model's directory name (fills `name`, and the custom backend of `model.<backend>`). Default: the config's name. */
  modelName?: string;
  /** Usable GPU ids. Default `[]`: a host without GPUs (`--gpus none`). */
  gpus?: readonly number[];
  /** The model's folder: lets autofill detect the backend from files (RL-10). */
  folder?: ModelFolder;
  /** Effective configs of other models, for ensembles (ND-10 decides `decoupled` from the steps). */
  stepConfig?: (model: string) => MessageValue | undefined;
  /** The model.py Triton runs, for a Python model's auto_complete_config (ND-11). */
  python?: PythonSource;
  /** False as with `--disable-auto-complete-config`: auto_complete_config is not run. Default true. */
  autoComplete?: boolean;
}

/**
 * The effective configuration of one model (see EffectiveConfigOptions).
 * Never throws; where Triton would refuse the model, the result is what
 * Triton had filled in up to that point.
 */
export function effectiveConfig(written: ModelConfig, options?: EffectiveConfigOptions): ModelConfig;
export function effectiveConfig(written: MessageValue, options?: EffectiveConfigOptions): MessageValue;
export function effectiveConfig(input: ModelConfig | MessageValue, options: EffectiveConfigOptions = {}): MessageValue {
  const written = input as MessageValue;
  const modelName = options.modelName ?? str(written, "name");
  const listing: DetectionListing = options.folder
    ? detectionListing(options.folder.entries, options.folder.subdirs)
    : // Stryker disable next-line ObjectLiteral: `{}` reads firstSubdir as undefined too
      { firstSubdir: undefined };
  const { config } = serverAutofill(cloneMessage(written), modelName, listing);
  if (options.python && options.autoComplete !== false && str(config, "backend") === "python")
    applyPythonAutoComplete(config, options.python);
  if (str(config, "platform") === "ensemble" || has(config, "ensemble_scheduling")) {
    finishEnsemble(config, options.stepConfig);
  } else {
    normalizeInstanceGroups(config, options.gpus ?? []);
  }
  return config;
}
