import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { SyntaxCode } from "../diagnostics/codes.js";

/**
 * The registry of every rule id: Triton's load-time rules plus our own
 * `TR-…` run-time checks, each declared once with its severity, the upstream
 * place it mirrors, Triton's message where Triton has one, and a one-line
 * summary. docs/rules.md is generated from it (npm run codegen), with each
 * rule's examples. Report sites take
 * their code as a `RuleId`, so a code that is not declared here does not
 * compile; test/validate/registry.test.ts checks the same at run time over
 * every diagnostic the test cases produce.
 */

/** What a rule needs to be decided: the config alone, its folder, the repository, the host, or the model file. */
export type RuleNeeds = "config" | "directory" | "repository" | "environment" | "artifact";

/** How this validator treats a rule. */
export type RuleCheck =
  /** checked offline, from the config and the folder layout */
  | "checked"
  /** checked only when the environment is described by options (`--gpus`, `--backend-dir`) */
  | "environment"
  /** the rule describes a default Triton fills in: see effectiveConfig */
  | "normalisation"
  /** needs a model binary or running backend code: out of scope */
  | "out-of-scope"
  /** Triton never reports it (unreachable or informational only) */
  | "not-reported";

/** The id families (the prefix of an id): layout, model config, normalisation and defaults, Python backend, our own run-time checks. Not to be confused with a RuleFamily, the rules one function checks. */
export type IdFamily = "RL" | "MC" | "ND" | "PY" | "TR";

/** The catalogue's sections, which group a family's rules by the part of the config or the load they are about. */
export type RuleSection =
  | "layout"
  | "parsing"
  | "identity"
  | "io"
  | "batch-io"
  | "instance-groups"
  | "dynamic-batching"
  | "sequence-batching"
  | "ensemble"
  | "warmup"
  | "policies"
  | "normalisation"
  | "python"
  | "run-time";

/** A code another rule's findings are reported under: a rule id or a syntax code of the reader. */
type ReportedAs = `${IdFamily}-${number}` | SyntaxCode;

/** What one declaration says besides its id. */
export interface RuleDeclaration {
  /** Default severity of its diagnostics (`--strict` turns warnings into errors). */
  readonly severity: Severity;
  readonly needs: RuleNeeds;
  readonly check: RuleCheck;
  /** One-line summary. */
  readonly title: string;
  readonly section: RuleSection;
  /** The upstream file and function the rule mirrors, as text (`model_config_utils.cc ValidateModelConfig`). */
  readonly upstream: string;
  /**
   * Triton's message, `<M>` for the model name and `<…>` for other values,
   * where Triton has one: the message its report sites print, without the
   * frame Triton puts around it in the log (`failed to load '<M>' version
   * <v>: Invalid argument: `, `[request id: …] `, `Poll failed for model
   * directory '<M>': `) and without trailing blanks.
   */
  readonly template?: string;
  /** Triton's other messages for the same rule (another sub-check, another field), in the same syntax. */
  readonly otherTemplates?: readonly string[];
  /**
   * Our own messages for findings of this rule that Triton does not report
   * in words at load time (a warning where Triton loads the model, a case
   * Triton fails later under another message), in the template syntax.
   */
  readonly ownWording?: readonly string[];
  /** Why a rule that can be reported has no template: Triton says nothing, or its words are not one message. */
  readonly noTemplate?: string;
  /** Another code its findings are reported under, when it has one. */
  readonly reportedAs?: ReportedAs;
  /** Why no test case reports it yet, for a rule that is reported but not exercised by the tests. */
  readonly untested?: string;
}

/** One registry entry. */
export interface RuleInfo extends RuleDeclaration {
  readonly id: RuleId;
  readonly family: IdFamily;
}

type Details = Pick<
  RuleDeclaration,
  "template" | "otherTemplates" | "ownWording" | "noTemplate" | "reportedAs" | "untested"
> & { readonly upstream?: string };
type Draft = Omit<RuleDeclaration, "section" | "upstream"> & { readonly upstream?: string };

function rule(severity: Severity, needs: RuleNeeds, check: RuleCheck, title: string, details: Details = {}): Draft {
  return { severity, needs, check, title, ...details };
}

/** Gives every rule of a section its section name and, unless it names its own, the section's upstream place. */
function section<T extends Record<string, Draft>>(
  name: RuleSection,
  upstream: string,
  rules: T,
): { readonly [K in keyof T]: RuleDeclaration } {
  const out: Record<string, RuleDeclaration> = {};
  for (const [id, draft] of Object.entries(rules))
    out[id] = { ...draft, section: name, upstream: draft.upstream ?? upstream };
  return out as { readonly [K in keyof T]: RuleDeclaration };
}

const E = "error" as const;
const W = "warning" as const;
const I = "info" as const;

/** Why a rule has no template: one reason per kind of rule that Triton does not word. */
const OWN_CHECK = "our own check: Triton loads the model and says nothing";
const RUN_TIME_CHECK = "our own run-time check: Triton loads the model, which then misbehaves";

/** The message Triton's file system prints for a file it cannot open (filesystem/implementations/local.h). */
const OPEN_FAILED = "failed to open text file for read <path>: <reason>";

/** Repository layout. */
const LAYOUT = section("layout", "model_repository_manager.cc ModelRepositoryManager (Poll, InitializeModelInfo)", {
  "RL-1": rule(
    E,
    "repository",
    "checked",
    "every directory at the repository root is loaded as a model, hidden ones included",
    {
      upstream: "model_repository_manager.cc ModelRepositoryManager::Poll",
      template: "failed to poll model repository '<root>': failed to stat file <path>",
      // A link inside a model directory fails that model's version scan (GetDirectorySubdirs → IsDirectory).
      otherTemplates: ["failed to stat file <path>"],
      // A tool directory fails later under another rule's message (RL-11, most often).
      ownWording: ["directory '<D>' will be loaded as a model by Triton"],
    },
  ),
  "RL-2": rule(E, "directory", "checked", "the model name must equal its directory name", {
    upstream: "model_repository_manager.cc ModelRepositoryManager::InitializeModelInfo",
    template: "unexpected directory name '<D>' for model '<M>', directory name must equal model name",
  }),
  "RL-3": rule(W, "directory", "checked", "model names must be usable in URLs", {
    upstream: "ValidateModelName (from LoadUnloadModel)",
    // Triton's message is for the load API; a repository scan takes any directory name.
    template: "invalid model name '<name>', model name must not contain path traversal characters",
    ownWording: ["model name '<name>' contains characters that do not survive a URL"],
  }),
  "RL-4": rule(E, "repository", "checked", "model names must be unique across repositories", {
    upstream: "model_repository_manager.cc ModelRepositoryManager::Poll",
    template: "failed to poll model '<D>': not unique across all model repositories",
  }),
  "RL-5": rule(E, "repository", "checked", "configuration file location and readability", {
    upstream: "GetModelConfigFullPath; a missing root: ModelRepositoryManager::Create",
    template: "failed to stat file <root>",
    otherTemplates: ["repository path is not a valid directory"],
    ownWording: [
      "'<file>' validated as the configuration of model '<M>', which Triton reads from '<path>' only",
      "<file> is inside a version folder: Triton reads only <path> and loads '<M>' with the config auto-complete makes",
    ],
  }),
  "RL-6": rule(E, "repository", "checked", "missing configuration file", {
    upstream: "Model::Init; with auto-complete off InitializeModelInfo (ReadTextProto)",
    template: "model configuration is not provided for model '<M>'",
    otherTemplates: [OPEN_FAILED],
  }),
  "RL-7": rule(I, "repository", "not-reported", "configs/, warmup/ and initial_state/ are never versions", {
    upstream: "model_lifecycle.cc VersionsToLoad",
  }),
  "RL-8": rule(E, "repository", "checked", "version directory names as Triton parses them", {
    upstream: "model_lifecycle.cc VersionsToLoad",
    // Triton's warnings for the directories it skips; the names it misreads as versions it does not report.
    template: "ignore version directory '<d>' which fails to convert to integral number",
    otherTemplates: ["ignore version directory '<d>' which contains leading zeros in its directory name"],
    ownWording: [
      "version directory '<d>' of model '<M>' is read by Triton as the negative version <v>, which no request or ensemble step can ask for (-1 means the latest version there)",
      "version directory '<d>' of model '<M>' is read by Triton as version <v>, whose files it then looks for in '<v>'",
      "version directory '<d>' of model '<M>' is a number beyond int64, which crashes Triton's version parsing",
    ],
  }),
  "RL-9": rule(E, "repository", "checked", "the version policy must select at least one version", {
    upstream: "model_lifecycle.cc VersionsToLoad, ModelLifeCycle::AsyncLoad",
    template: "at least one version must be available under the version policy of model '<M>'",
    otherTemplates: ["version <v> is specified for model '<M>', but the version directory is not present"],
    // A version listed twice is loaded without its directory and fails in the backend's words.
    ownWording: [
      "version <v> of model '<M>' is listed twice in version_policy.specific, so Triton loads it although '<path>' does not exist, and the load fails",
    ],
  }),
  "RL-10": rule(I, "repository", "normalisation", "backend detection from the first subdirectory", {
    upstream: "model_config_utils.cc AutoCompleteBackendFields",
  }),
  "RL-11": rule(E, "directory", "checked", "custom backend inferred from the model name", {
    upstream: "model_config_utils.cc AutoCompleteBackendFields",
    template:
      "Invalid model name: Could not determine backend for model '<D>' with no backend in model configuration. Expected model name of the form 'model.<backend_name>'.",
  }),
  "RL-12": rule(E, "repository", "checked", "model file expected in each selected version directory", {
    upstream: "the backend's model load (python_backend pb_stub.cc; other backends' own messages)",
    // Only the Python backend's message is known offline; the others word it themselves.
    template: "Python model file not found in '<path>'",
    ownWording: [
      "model file '<file>' for model '<M>' not found (backend '<b>' loads <what> of that name)",
      "--no-model-files: the model files of <n> model<s> were not checked (<models>)",
    ],
  }),
  "RL-13": rule(E, "repository", "checked", "output label files", {
    upstream: "label_provider.cc (from Model::Init)",
    template: "label file path '<path>' for output '<O>' in model '<M>' is outside model directory",
    otherTemplates: [OPEN_FAILED, "multiple label files for '<O>'"],
  }),
  "RL-14": rule(E, "repository", "checked", "warmup and initial-state data files", {
    upstream: "backend_model_instance.cc, sequence_batch_scheduler.cc (ReadTextFile)",
    template: OPEN_FAILED,
  }),
  "RL-15": rule(E, "repository", "checked", "Python model file layout", {
    upstream: "python_backend pb_stub.cc Stub::Initialize",
    template: `Model name must end with '.py'. Model name is "<file>".`,
    // A stem with a dot fails Python's import, in Python's words.
    ownWording: [
      "Python model file '<file>' of model '<M>' cannot be imported: it must end in '.py' and have no other '.'",
      "Python model file '<file>' of model '<M>' is not a Python identifier",
    ],
  }),
  "RL-16": rule(E, "repository", "checked", "EXECUTION_ENV_PATH of Python models", {
    upstream: "python_backend pb_env.cc, stub_launcher.cc",
    template: "Failed to get the canonical path for <path>.",
    otherTemplates: [
      "Path <path>/bin/activate does not exist. The Python environment should contain an 'activate' script.",
    ],
    ownWording: ["EXECUTION_ENV_PATH '<path>' of model '<M>' leaves the model directory"],
  }),
  "RL-17": rule(E, "repository", "checked", "ensemble layout: a version directory, no model file", {
    reportedAs: "RL-9",
  }),
  "RL-18": rule(E, "environment", "checked", "backend library and runtime resolution", {
    upstream: "TritonModel::GetBackendLibraryProperties, GetBackendRuntimeLibraryName",
    template: "unable to find backend library for backend '<b>', try specifying runtime on the model configuration.",
    otherTemplates: [
      "backend library name '<runtime>' escapes backend directory '<dir>', for model '<M>', check model config runtime field",
      "unable to find Python backend based backend library 'model.py' for model '<M>', searched: '<path>'",
      // Triton ends the list with a blank, which the template leaves out.
      "unable to find backend library '<runtime>' for model '<M>', searched: <paths>",
    ],
  }),
  "RL-19": rule(E, "repository", "checked", "custom batching strategy library", {
    upstream: "backend_model.cc TritonModel::Create",
    template: "TRITON_BATCH_STRATEGY_PATH cannot be specified with sequence batcher, using default batching strategy",
    otherTemplates: [
      "Batching library path not found: <path>",
      "Batching library path escapes model repository.",
      "<path> does not define all required custom batching functions for model <M>",
    ],
  }),
  "RL-20": rule(
    E,
    "environment",
    "environment",
    "repository agents must be installed (not checked: no option lists the server's agents)",
    {
      upstream: "repo_agent.cc CreateAgentModelListWithLoadAction",
      template: "unable to find 'libtritonrepoagent_<name>.so' for repo agent '<name>', searched: <path>",
      ownWording: [
        "model '<M>' uses repository agent<s> <agents>: the agent and the files it supplies at load time were not checked",
      ],
    },
  ),
  "RL-21": rule(I, "environment", "not-reported", "remote repositories are copied locally first"),
});

/** Parsing. */
const PARSING = section("parsing", "filesystem.cc ReadTextProto (google::protobuf::TextFormat::Parse)", {
  "MC-1": rule(E, "config", "checked", "protobuf text format syntax", {
    reportedAs: "PB-SYNTAX",
    noTemplate:
      "protobuf's parser words each syntax error its own way (the reader reports its detail); Triton adds only 'failed to read text proto from <path>'",
  }),
  "MC-2": rule(E, "config", "checked", "unknown field", {
    reportedAs: "PB-UNKNOWN-FIELD",
    template: 'Message type "inference.<Msg>" has no field named "<f>".',
  }),
  "MC-3": rule(E, "config", "checked", "enum values", {
    reportedAs: "PB-UNKNOWN-ENUM",
    template: 'Unknown enumeration value of "<V>" for field "<f>".',
  }),
  "MC-4": rule(E, "config", "checked", "singular field given twice", {
    reportedAs: "PB-DUPLICATE",
    template: 'Non-repeated field "<f>" is specified multiple times.',
  }),
  "MC-5": rule(E, "config", "checked", "two members of a oneof", {
    reportedAs: "PB-ONEOF",
    template: 'Field "<second>" is specified along with field "<first>", another member of oneof "<oneof>".',
  }),
  "MC-6": rule(W, "config", "checked", "map fields with duplicate keys: the last entry wins", {
    reportedAs: "PB-DUPLICATE-KEY",
    noTemplate: "protobuf accepts a repeated map key (the last entry wins): our own warning",
  }),
  "MC-7": rule(E, "config", "checked", "scalar types and ranges", {
    reportedAs: "PB-RANGE",
    template: "Integer out of range (<v>)",
  }),
  "MC-8": rule(I, "config", "not-reported", "repeated message blocks concatenate"),
});

/** Identity. */
const IDENTITY = section("identity", "model_config_utils.cc ValidateModelConfig", {
  "MC-9": rule(I, "config", "not-reported", "model configuration must specify 'name' (unreachable)", {
    template: "model configuration must specify 'name'",
  }),
  "MC-10": rule(E, "config", "checked", "backend required unless ensemble", {
    template: "unexpected platform type '<platform>' for <M>",
  }),
  "MC-11": rule(E, "config", "checked", "an ensemble must not name a backend", {
    template: "Ensemble model '<M>' must have platform type 'ensemble' and empty backend type",
  }),
  "MC-12": rule(E, "config", "checked", "backend and platform must agree", {
    template: "unexpected 'platform' and 'backend' pair, got:<platform>, <backend>",
  }),
  "MC-13": rule(I, "config", "not-reported", "unreachable identity checks"),
  "MC-14": rule(E, "config", "checked", "max_batch_size must be non-negative", {
    template: "'max_batch_size' must be non-negative value for <M>",
  }),
  "MC-15": rule(E, "config", "checked", "version policies that can never select a version", {
    // ValidateModelConfig's "must specify 'version policy' for <M>" is unreachable (ND-3 fills the policy):
    // a policy that selects nothing fails in VersionsToLoad.
    upstream: "model_lifecycle.cc VersionsToLoad",
    template: "at least one version must be available under the version policy of model '<M>'",
  }),
});

/** Inputs and outputs. */
const INPUTS_OUTPUTS = section(
  "io",
  "model_config_utils.cc ValidateModelIOConfig (ValidateModelInput, ValidateModelOutput, ValidateIOShape)",
  {
    // ValidateModelIOConfig appends ` for <M>` to every message of ValidateModelInput/Output; `<io>` is
    // `model input` or `model output`.
    "MC-16": rule(E, "config", "checked", "input and output names are required", {
      template: "<io> must specify 'name' for <M>",
    }),
    "MC-17": rule(E, "config", "checked", "data_type is required", {
      template: "<io> '<name>' must specify 'data_type' for <M>",
    }),
    "MC-18": rule(E, "config", "checked", "dims are required", {
      template: "<io> '<name>' must specify 'dims' for <M>",
    }),
    "MC-19": rule(E, "config", "checked", "an empty reshape needs batching", {
      template:
        "<io> '<name>' cannot have empty reshape for non-batching model as scalar tensors are not supported for <M>",
    }),
    "MC-20": rule(E, "config", "checked", "dims must be >= 1 or -1", {
      template: "<io> '<name>' dimension must be integer >= 1, or -1 to indicate a variable-size dimension for <M>",
    }),
    "MC-21": rule(E, "config", "checked", "reshape dims must be >= 1 or -1", {
      template:
        "<io> '<name>' reshape dimensions must be integer >= 1, or -1 to indicate a variable-size dimension for <M>",
    }),
    "MC-22": rule(E, "config", "checked", "element count must fit in int64", {
      // Without a reshape the count is checked when the scheduler is created, without the model name.
      template: "element count for tensor '<name>' exceeds maximum size of 9223372036854775807",
      otherTemplates: [
        "element count for tensor '<name> dims' exceeds maximum size of 9223372036854775807 for <M>",
        "element count for tensor '<name> reshape' exceeds maximum size of 9223372036854775807 for <M>",
      ],
    }),
    "MC-23": rule(E, "config", "checked", "dims and reshape must have the same size", {
      template: "<io> '<name>' has different size for dims and reshape for <M>",
      otherTemplates: ["<io> '<name>' has different number of variable-size dimensions for dims and reshape for <M>"],
    }),
    "MC-24": rule(E, "config", "checked", "NHWC/NCHW inputs need 3 dims", {
      template: "model input NHWC/NCHW require 3 dims for <M>",
    }),
    "MC-25": rule(E, "config", "checked", "shape tensors only for TensorRT", {
      template: "shape tensors are only supported for TensorRT platform for <M>",
    }),
    "MC-26": rule(E, "config", "checked", "non-linear IO format only for TensorRT, with 3 dims", {
      template: "Non-linear IO format is only supported for the TensorRT platform for <M>",
      otherTemplates: [
        "Non-linear IO format input requires 3 dims for <M>",
        "Non-linear IO format output requires 3 dims for <M>",
      ],
    }),
    "MC-27": rule(W, "config", "checked", "duplicate tensor names are not checked by Triton", { reportedAs: "TR-3" }),
    "MC-28": rule(
      E,
      "environment",
      "environment",
      "optional inputs need backend support (not checked: backend-specific)",
      {
        untested: "no report site: whether a backend accepts optional inputs is backend code",
        template: "'optional' is set to true for input '<name>' while the backend model doesn't support optional input",
      },
    ),
    "MC-29": rule(I, "config", "not-reported", "ragged inputs"),
    "MC-30": rule(
      I,
      "config",
      "checked",
      "when input/output completeness is enforced (MC-16…18 are warnings when the backend can complete the config)",
      { reportedAs: "MC-17" },
    ),
  },
);

/** Batch inputs and outputs. */
const BATCH_IO = section("batch-io", "model_config_utils.cc ValidateBatchIO", {
  "MC-31": rule(E, "config", "checked", "batch input kinds need exactly one source input", {
    template: "batch input kind '<KIND>' expects 1 source input, got <n> for <M>",
    // A kind number the enum does not name prints as ''.
    otherTemplates: ["unknown batch input kind '<KIND>' for <M>"],
  }),
  "MC-32": rule(E, "config", "checked", "batch input data type must be TYPE_INT32 or TYPE_FP32", {
    template: "batch input data type must be TYPE_INT32 or TYPE_FP32 for <M>",
  }),
  "MC-33": rule(E, "config", "checked", "batch input source must be a configured input", {
    template: "unknown source input name '<name>' for <M>",
  }),
  "MC-34": rule(E, "config", "checked", "batch output kind needs exactly one source input", {
    template: "batch output kind 'BATCH_SCATTER_WITH_INPUT_SHAPE' expects 1 source input, got <n> for <M>",
    otherTemplates: ["unknown batch output kind '<KIND>' for <M>"],
  }),
  "MC-35": rule(E, "config", "checked", "batch output source must be a configured input", {
    template: "unknown source input name '<name>' for <M>",
  }),
  "MC-36": rule(E, "config", "checked", "batch output targets must be configured outputs, once each", {
    template: "unknown target output name '<name>' for <M>",
    otherTemplates: ["target output name '<name>' can only be specified once for <M>"],
  }),
});

/** Instance groups. */
const INSTANCE_GROUPS = section(
  "instance-groups",
  "model_config_utils.cc NormalizeInstanceGroup, ValidateInstanceGroup",
  {
    "MC-37": rule(E, "config", "checked", "KIND_MODEL groups must not list GPUs", {
      template: "instance group <G> of model <M> has kind KIND_MODEL but specifies one or more GPUs",
    }),
    "MC-38": rule(E, "config", "checked", "KIND_CPU groups must not list GPUs", {
      template: "instance group <G> of model <M> has kind KIND_CPU but specifies one or more GPUs",
    }),
    "MC-39": rule(E, "environment", "checked", "KIND_AUTO with GPUs has no CPU fallback", {
      // Normalisation makes the group KIND_CPU and keeps its GPUs, so MC-38's check words it.
      template: "instance group <G> of model <M> has kind KIND_CPU but specifies one or more GPUs",
    }),
    "MC-40": rule(
      E,
      "environment",
      "environment",
      "KIND_GPU needs a server with GPU support (reported as MC-41 for --gpus none)",
      {
        reportedAs: "MC-41",
        template: "instance group <G> of model <M> has kind KIND_GPU but server does not support GPUs",
      },
    ),
    "MC-41": rule(E, "environment", "environment", "KIND_GPU needs available GPUs", {
      template: "instance group <G> of model <M> has kind KIND_GPU but no GPUs are available",
    }),
    "MC-42": rule(E, "environment", "checked", "GPU ids must exist", {
      template:
        "instance group <G> of model <M> specifies invalid or unsupported gpu id <id>. GPUs with at least the minimum required CUDA compute compatibility of <cc> are: <ids>",
      // Without --gpus a negative id is still certain to fail, but the list of usable GPUs is not known.
      ownWording: [
        "instance group <G> of model <M> specifies invalid or unsupported gpu id <id>. GPUs with at least the minimum required CUDA compute compatibility of <cc>",
      ],
    }),
    "MC-43": rule(E, "config", "checked", "profiles only for TensorRT", {
      template:
        "instance group <G> of model <M> and platform <platform>specifies profile field which is only supported for TensorRT models",
    }),
    "MC-44": rule(E, "config", "checked", "profile values must be non-negative integers", {
      template:
        "instance group <G> of model <M> and platform <platform> specifies invalid profile <p>. The field should contain the string representation of a non-negative integer.",
      otherTemplates: ["profile name must not be empty", "unable to parse '<p>': stoi"],
    }),
    "MC-45": rule(I, "config", "normalisation", "count <= 0 means the default count"),
    "MC-46": rule(I, "config", "normalisation", "group and instance names"),
    "MC-47": rule(I, "environment", "not-reported", "secondary devices"),
    "MC-48": rule(W, "config", "checked", "every group passive: the model can never serve", {
      noTemplate: OWN_CHECK,
    }),
    "MC-49": rule(W, "environment", "not-reported", "host policies"),
    "MC-50": rule(E, "environment", "checked", "rate limiter resources", {
      upstream: "rate_limiter.cc",
      template: 'Resource "<name>" is present as both global and device-specific resource in the model configuration.',
      otherTemplates: [
        'Resource count for "<name>" is limited to <n> which will prevent scheduling of one or more model instances, the minimum required count is <m>',
      ],
    }),
  },
);

/** Dynamic batching. */
const DYNAMIC_BATCHING = section("dynamic-batching", "model_config_utils.cc ValidateModelConfig (dynamic_batching)", {
  "MC-51": rule(E, "config", "checked", "preferred batch sizes must be in [1, max_batch_size]", {
    template: "dynamic batching preferred size must be positive for <M>",
    otherTemplates: ["dynamic batching preferred size must be <= max batch size for <M>"],
  }),
  "MC-52": rule(E, "config", "checked", "default priority level in [1, priority_levels]", {
    template: "default priority level must be in range [1, <L>] for <M>",
  }),
  "MC-53": rule(E, "config", "checked", "priority queue policy keys in [1, priority_levels]", {
    template: "priority queue policy must have priority level in range [1, <L>] for <M>",
    // With priority_levels 0 Triton checks nothing and ignores the settings.
    ownWording: ["priority settings of model '<M>' are ignored because priority_levels is 0"],
  }),
  "MC-54": rule(E, "config", "checked", "preserve_ordering allows one priority level", {
    template: "Only one priority level is allowed when 'preserve_ordering' is true for <M>",
  }),
  "MC-55": rule(E, "config", "checked", "preserve_ordering forbids DELAY with a timeout", {
    template: "Queue policy can not have DELAY as timeout action when 'preserve_ordering' is true for <M>",
  }),
  "MC-56": rule(W, "config", "checked", "dynamic batching without batching", { noTemplate: OWN_CHECK }),
});

/** Sequence batching. */
const SEQUENCE_BATCHING = section(
  "sequence-batching",
  "model_config_utils.cc ValidateModelConfig (sequence_batching)",
  {
    "MC-57": rule(E, "config", "checked", "no response cache with sequence batching", {
      template:
        "Response Cache does not currently support model <M> with sequence batching scheduler. Please disable the response cache.",
    }),
    "MC-58": rule(E, "config", "checked", "control inputs need a name", {
      template: "sequence batching control tensor must have a name for <M>",
    }),
    "MC-59": rule(E, "config", "checked", "control input names must be unique", {
      template: "sequence batching control tensor '<name>' is specified for multiple control kinds for <M>",
    }),
    "MC-60": rule(E, "config", "checked", "each control kind at most once", {
      template: "sequence batching specifies multiple <KIND> tensors for <M>",
    }),
    "MC-61": rule(E, "config", "checked", "boolean controls need exactly one value list", {
      template:
        "sequence batching must specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for <KIND> for <M>",
      otherTemplates: [
        "sequence batching specifies more than one from 'int32_false_true', 'fp32_false_true' and 'bool_false_true' for <KIND> for <M>",
      ],
    }),
    "MC-62": rule(E, "config", "checked", "control value lists need exactly two entries", {
      template: "sequence batching control '<list>' must have exactly 2 entries for <KIND> for <M>",
    }),
    "MC-63": rule(E, "config", "checked", "CORRID control data type", {
      template:
        "sequence batching must not specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for CONTROL_SEQUENCE_CORRID for <M>",
      otherTemplates: [
        "unexpected data type for control CONTROL_SEQUENCE_CORRID for <M>. Allowed data types are TYPE_UINT64, TYPE_INT64, TYPE_UINT32, TYPE_INT32 and TYPE_STRING",
      ],
    }),
    "MC-64": rule(E, "config", "checked", "oldest strategy preferred batch sizes", {
      template: "sequence batching preferred batch size must be positive for <M>",
      otherTemplates: ["sequence batching preferred batch size must be <= max batch size for <M>"],
    }),
    "MC-65": rule(E, "config", "checked", "direct strategy minimum slot utilization in [0, 1]", {
      template: "sequence batching minimum slot utilization must be in range (0.0, 1.0] for <M>",
    }),
    "MC-66": rule(E, "config", "checked", "implicit state and initial state", {
      upstream: "sequence_batch_scheduler.cc SequenceBatchScheduler::GenerateInitialStateData",
      template:
        "initial_state field for state input '<in>' must contain exactly one or zero element. Found '<n>' elements.",
      otherTemplates: [
        "The data type used for 'initial_state' field of state '<in>' does not match the state data type.",
        "Field 'name' must be set when using initial_state for state input '<in>'.",
        "State input name '<in>' specified more than once.",
        "Number of dimensions in 'initial_state' doesn't match the size of 'state' dimensions for state input '<in>'. <a> != <b>",
        "'initial_state' field for state input name '<in>' contains variable dimensions.",
        "'initial_state' dim for input name '<in>' doesn't match 'state' dim description. <a> != <b>",
        "initial_state setting expects state'<in>' to have state_data set",
        "initial_state setting expects <n> bytes, but the data provided from <file>only has <m> bytes.",
      ],
    }),
    "MC-67": rule(W, "config", "checked", "implicit state needs backend support", {
      noTemplate: "the Python backend accepts the state section and never uses it: our own warning",
    }),
    "MC-68": rule(E, "config", "checked", "TRITON_BATCH_STRATEGY_PATH with sequence batching", { reportedAs: "RL-19" }),
    "MC-69": rule(I, "config", "not-reported", "iterative sequences"),
  },
);

/** Scheduling choice, ensembles. */
const ENSEMBLES = section("ensemble", "model_config_utils.cc ValidateEnsembleSchedulingConfig, BuildEnsembleGraph", {
  "MC-70": rule(E, "config", "checked", "ensemble_scheduling only for platform ensemble", {
    template: "ensemble scheduling cannot be set for model '<M>' whose platform is not ensemble",
  }),
  "MC-71": rule(E, "config", "checked", "platform ensemble needs ensemble_scheduling", {
    template: "ensemble scheduling must be set for ensemble <M> whose platform is ensemble",
  }),
  "MC-72": rule(E, "config", "checked", "no instance groups in ensembles", {
    template: "instance group should not be specified for ensemble '<E>'",
  }),
  "MC-73": rule(E, "config", "checked", "no optimization in ensembles", {
    template: "optimization should not be specified for ensemble '<E>'",
  }),
  "MC-74": rule(E, "config", "checked", "no warmup in ensembles", {
    template: "model_warmup can not be specified for ensemble '<E>'",
  }),
  "MC-75": rule(E, "config", "checked", "ensembles need steps", { template: "must specify 'step' for ensemble '<E>'" }),
  "MC-76": rule(E, "config", "checked", "steps need model_name, input_map and output_map", {
    template: "must specify 'model_name' in step <i> of ensemble '<E>'",
    otherTemplates: [
      "must specify 'input_map' in step <i> of ensemble '<E>'",
      "must specify 'output_map' in step <i> of ensemble '<E>'",
    ],
  }),
  "MC-77": rule(E, "config", "checked", "an ensemble tensor is produced once", {
    // Its sibling "input '<k>' in model '<m>' is mapped to multiple ensemble tensors" needs a repeated map key,
    // which the text format merges (MC-6).
    template: "ensemble tensor '<T>' can appear in an output map only once for ensemble '<E>' step <i>",
  }),
  "MC-78": rule(E, "config", "checked", "every ensemble input is used", {
    template: "ensemble input '<I>' for ensemble <E>' is not used",
  }),
  "MC-79": rule(E, "config", "checked", "every ensemble output is written", {
    template: "ensemble output '<O>' for ensemble <E>' is not used",
    otherTemplates: [
      "output '<O>' for ensemble '<E>' is not written",
      "output '<O>' for ensemble '<E>' is not written: at least one of its depending tensors, '<T>', is not connected",
    ],
  }),
  "MC-80": rule(E, "config", "checked", "every ensemble tensor is used", {
    template: "ensemble tensor '<T>' is unused in ensemble '<E>'",
  }),
  "MC-81": rule(E, "repository", "checked", "step models must exist", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "ensemble <E> contains models that are not available or ambiguous: <models>",
  }),
  "MC-82": rule(E, "repository", "checked", "no cycles between ensembles", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "circular dependency between ensembles: <A> -> ... -> <B> -> <A>",
  }),
  "MC-83": rule(E, "repository", "checked", "step models must load", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "ensemble '<E>' depends on '<m>' which is not valid. Model '<m>' failed with error: <msg>",
  }),
  "MC-84": rule(E, "repository", "checked", "required step versions must be loaded", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "ensemble '<E>' depends on '<m>' whose required version <v> is not loaded.",
  }),
  "MC-85": rule(E, "repository", "checked", "step models must allow the ensemble's batch size", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template:
      "ensemble <E> allows maximum batch size <B>, but it contains model <m> which only allows maximum batch size to be <b>",
  }),
  "MC-86": rule(E, "repository", "checked", "input_map keys must be step inputs", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "in ensemble <E>, ensemble tensor <T> is mapping to non-existing input <k> in model <m>",
  }),
  "MC-87": rule(E, "repository", "checked", "required step inputs must be mapped", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "in ensemble <E>, input <k> in model <m> is not mapped to any ensemble tensors",
  }),
  "MC-88": rule(E, "repository", "checked", "output_map keys must be step outputs", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "in ensemble <E>, ensemble tensor <T> is mapped from non-existing output <k> in model <m>",
  }),
  "MC-89": rule(E, "repository", "checked", "ensemble tensor data types agree", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template:
      "in ensemble <E>, ensemble tensor <T>: inconsistent data type: <TYPE_A> is inferred from model <x> while <TYPE_B> is inferred from model <y>",
  }),
  "MC-90": rule(E, "repository", "checked", "ensemble tensor shapes agree", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template:
      "in ensemble <E>, ensemble tensor <T>: inconsistent shape: <dims_a> is inferred from model <x> while <dims_b> is inferred from model <y>",
  }),
  "MC-91": rule(E, "repository", "checked", "decoupled branches must not merge", {
    upstream: "model_repository_manager.cc, ensemble_utils.cc (ensemble checks across models)",
    template: "in ensemble <E>, step of model '<m>' receives inputs originated from different decoupled models",
  }),
});

/** Warmup. */
const WARMUP = section("warmup", "backend_model_instance.cc TritonModelInstance::GenerateWarmupData", {
  "MC-92": rule(W, "config", "checked", "warmup batch_size", {
    // Core skips a sample of batch size 0 in silence; a Python model fails a sample larger than max_batch_size.
    template: "failed to run warmup sample '<name>': batch size <b> for '<instance>', max allowed is <max>",
    ownWording: [
      "warmup sample '<name>' of model '<M>' has batch_size 0 and is skipped",
      "warmup sample '<name>' of model '<M>' has batch_size <b>, outside what the model accepts (<what>)",
    ],
  }),
  "MC-93": rule(E, "config", "checked", "warmup dims must be fixed", {
    template: "warmup setting expects all variable-size dimensions are specified for input '<name>'",
  }),
  "MC-94": rule(E, "config", "checked", "warmup inputs need a data source", {
    template: "warmup setting expects input '<name>' to have input_data_type set",
  }),
  "MC-95": rule(E, "repository", "checked", "warmup input data files", {
    template: "warmup setting expects <n> bytes, but the data provided from <file>only has <m> bytes",
  }),
  "MC-96": rule(E, "config", "checked", "warmup requests are validated like real requests", {
    upstream: "infer_request.cc InferenceRequest::PrepareForInference (on the warmup request)",
    template:
      "expected <n> inputs but got <k> inputs for model '<M>'. Got input(s) <got>, but missing required input(s) <missing>. Please provide all required input(s).",
    otherTemplates: [
      "expected number of inputs between <a> and <b> but got <k> inputs for model '<M>'. Got input(s) <got>, but missing required input(s) <missing>. Please provide all required input(s).",
      "inference input '<name>' data-type is '<T>', but model '<M>' expects '<U>'",
      // Without batching Triton's message ends "got [...]. " with an empty note.
      "unexpected shape for input '<name>' for model '<M>'. Expected <dims>, got <dims>.",
      "unexpected shape for input '<name>' for model '<M>'. Expected <dims>, got <dims>. NOTE: Setting a non-zero max_batch_size in the model config requires a batch dimension to be prepended to each input shape. If you want to specify the full shape including the batch dim in your input dims config, try setting max_batch_size to zero. See the model configuration docs for more info on max_batch_size.",
    ],
  }),
  "MC-97": rule(E, "artifact", "out-of-scope", "warmup execution", {
    template: "failed to run warmup sample '<name>': <errors>",
  }),
});

/** Policies, parameters, optimization, metrics, backends. */
const POLICIES = section("policies", "model_config_utils.cc ValidateModelConfig", {
  "MC-98": rule(E, "config", "checked", "no response cache with decoupled models", {
    template:
      "Response Cache does not currently support model <M> with 'decoupled' transaction policy. Please disable the response cache.",
  }),
  "MC-99": rule(I, "config", "not-reported", "parameters are backend-defined"),
  "MC-100": rule(W, "config", "checked", "optimization settings", {
    noTemplate: "core does not check them; the backend that does (TensorRT) words it against the plan",
  }),
  "MC-101": rule(E, "config", "checked", "metric control needs metric_identifier", {
    template: "metric control must specify 'metric_identifier'",
  }),
  "MC-102": rule(E, "config", "checked", "metric identifier needs a family", {
    template: "metric identifier must specify non-empty 'family'",
  }),
  "MC-103": rule(E, "config", "checked", "metric control needs histogram_options", {
    template: "metric control must specify 'histogram_options'",
  }),
  "MC-104": rule(E, "config", "checked", "histogram options need buckets", {
    template: "histogram options must specify non-empty 'buckets'",
  }),
  "MC-105": rule(W, "config", "checked", "metric family not customizable", {
    template: "Metric family '<family>' in 'metric_identifier' is not a customizable metric in Triton core.",
    // Core takes the buckets as given.
    ownWording: ["histogram buckets of metric family '<family>' are not in ascending order"],
  }),
  "MC-106": rule(E, "artifact", "checked", "backend-side validation (only the parts decidable without the artifact)", {
    upstream: "the backends' model loads (pytorch_backend for the part decidable offline)",
    template: "model configuration must contain at least one output, none were specified",
    otherTemplates: ["unable to load model '<M>', configuration expects <n> inputs, model provides <k>"],
  }),
});

/** Normalisation and defaults: what effectiveConfig fills in. */
const NORMALISATION = section("normalisation", "model_config_utils.cc NormalizeModelConfig", {
  "ND-1": rule(I, "directory", "normalisation", "name defaults to the directory name"),
  "ND-2": rule(I, "repository", "normalisation", "backend, platform and default_model_filename"),
  "ND-3": rule(I, "config", "normalisation", "version policy defaults to latest 1"),
  "ND-4": rule(I, "config", "normalisation", "dynamic batching preferred size"),
  "ND-5": rule(I, "config", "normalisation", "sequence batching idle time and preferred size"),
  "ND-6": rule(I, "config", "normalisation", "pinned memory"),
  "ND-7": rule(I, "environment", "normalisation", "default instance group"),
  "ND-8": rule(I, "environment", "normalisation", "per-group defaults"),
  "ND-9": rule(I, "environment", "environment", "runtime of Python-based backends (not applied by effectiveConfig)", {
    untested: "no report site: effectiveConfig does not model the runtime of Python-based backends",
    noTemplate: "a default Triton fills in, not a failure: nothing to word",
  }),
  "ND-10": rule(I, "repository", "normalisation", "ensemble transaction policy"),
  "ND-11": rule(I, "artifact", "out-of-scope", "backend auto-complete"),
  "ND-12": rule(I, "config", "not-reported", "proto zero values that carry meaning"),
  "ND-13": rule(I, "config", "not-reported", "canonical serialisation"),
});

/** Python backend. */
const PYTHON = section("python", "python_backend src/python_be.cc, src/pb_stub.cc", {
  "PY-1": rule(W, "repository", "checked", "model.py defines TritonPythonModel with execute", {
    template: "Python model <path> does not implement `execute` method.",
    // Python's own words when the stub looks the class up (Triton 2.51 names the module '<version>.<stem>').
    otherTemplates: ["AttributeError: module '<module>' has no attribute 'TritonPythonModel'"],
  }),
  "PY-2": rule(W, "repository", "checked", "auto_complete_config contract", {
    template: "auto_complete_config function in model '<M>' must return a valid pb.ModelConfig object.",
    ownWording: ["auto_complete_config of <file> is not a @staticmethod"],
  }),
  "PY-3": rule(
    E,
    "repository",
    "checked",
    "pb_utils.ModelConfig setters, replayed from the literal arguments of auto_complete_config",
    {
      upstream: "python_backend src/resources/triton_python_backend_utils.py ModelConfig",
      template:
        "configuration specified max_batch_size <c>, but in auto-complete-config function for model '<M>' specified max_batch_size <n>",
      otherTemplates: [
        "Configuration specified scheduling_choice as '<choice>', but auto-complete-config function for model '<M>' tries to set scheduling_choice as 'dynamic_batching'",
        "input '<name>' in auto-complete-config function for model '<M>' contains property other than 'name', 'data_type', 'dims' and 'optional'.",
        "output '<name>' in auto-complete-config function for model '<M>' contains property other than 'name', 'data_type' and 'dims'.",
        "<io> in auto-complete-config function for model '<M>' is missing 'name' property.",
        "<io> '<name>' in auto-complete-config function for model '<M>' is missing 'data_type' property.",
        "<io> '<name>' in auto-complete-config function for model '<M>' is missing 'dims' property.",
        "unable to load model '<M>', configuration expects datatype <T> for <io> '<name>', model provides <U>",
        "model '<M>', tensor '<name>': the model expects dims <a> but the model configuration specifies dims <b>",
        "model '<M>', tensor '<name>': the model expects optional <a> but the model configuration specifies optional <b>",
        "model transaction property in auto-complete-config function for model '<M>' contains property other than 'decoupled'.",
        "trying to change decoupled property in auto-complete-config for model '<M>', which is already set to '<v>'.",
      ],
    },
  ),
  "PY-4": rule(I, "config", "not-reported", "initialize(args)"),
  "PY-5": rule(I, "artifact", "not-reported", "execute in default mode", {
    template:
      "Number of InferenceResponse objects do not match the number of InferenceRequest objects. InferenceRequest(s) size is:<n>, and InferenceResponse(s) size is:<m>",
  }),
  "PY-6": rule(W, "repository", "checked", "decoupled mode execute returns None", {
    template: "Python model '<M>' is using the decoupled mode and the execute function must return None.",
  }),
  "PY-7": rule(I, "artifact", "not-reported", "async execute"),
  "PY-8": rule(I, "artifact", "not-reported", "request API"),
  "PY-9": rule(I, "artifact", "not-reported", "data types and numpy"),
  "PY-10": rule(I, "environment", "not-reported", "instances and devices"),
  "PY-11": rule(E, "config", "checked", "FORCE_CPU_ONLY_INPUT_TENSORS value", {
    template: "Incorrect value for FORCE_CPU_ONLY_INPUT_TENSORS: <v>'",
  }),
  "PY-12": rule(I, "config", "not-reported", "stateful models recipe"),
  "PY-13": rule(W, "config", "checked", "Python pitfalls", { reportedAs: "TR-1" }),
  "PY-14": rule(W, "repository", "checked", "static checks on model.py", { reportedAs: "PY-1" }),
});

/** Our own run-time checks: the model loads, then misbehaves. */
const RUN_TIME = section("run-time", "none: our own checks of what loads and then misbehaves", {
  "TR-1": rule(W, "repository", "checked", "stateful Python model without sequence batching", {
    noTemplate: RUN_TIME_CHECK,
  }),
  "TR-2": rule(W, "config", "checked", "warmup input that matches no model input", { noTemplate: RUN_TIME_CHECK }),
  "TR-3": rule(W, "config", "checked", "duplicate input or output names", { noTemplate: RUN_TIME_CHECK }),
  "TR-4": rule(W, "config", "checked", "preferred batch sizes that can never be formed", {
    noTemplate: RUN_TIME_CHECK,
  }),
  "TR-5": rule(W, "repository", "checked", "KIND_GPU Python model that ignores its device id", {
    noTemplate: RUN_TIME_CHECK,
  }),
  "TR-6": rule(E, "repository", "checked", "file or directory that cannot be read", {
    noTemplate: "what triton-repo cannot read: Triton fails on it wherever it first reads it, in that place's words",
  }),
  "TR-7": rule(E, "repository", "checked", "configuration file too large to read", {
    noTemplate: "triton-repo's own limit: Triton reads the file",
  }),
  "TR-8": rule(W, "repository", "checked", "tensor name in model.py that the config does not declare", {
    noTemplate: RUN_TIME_CHECK,
  }),
});

/** Every rule, by id, in catalogue order. */
export const RULE_REGISTRY = {
  ...LAYOUT,
  ...PARSING,
  ...IDENTITY,
  ...INPUTS_OUTPUTS,
  ...BATCH_IO,
  ...INSTANCE_GROUPS,
  ...DYNAMIC_BATCHING,
  ...SEQUENCE_BATCHING,
  ...ENSEMBLES,
  ...WARMUP,
  ...POLICIES,
  ...NORMALISATION,
  ...PYTHON,
  ...RUN_TIME,
};

/** A declared rule id: the only kind of code a rule may report. */
export type RuleId = keyof typeof RULE_REGISTRY;

/** Every code a validation may produce: a rule id, or a syntax code of the reader (the config's text, an unfilled template). */
export type ValidationCode = RuleId | SyntaxCode;

/** Every rule, in catalogue order. */
export const RULES: readonly RuleInfo[] = Object.entries(RULE_REGISTRY).map(([id, declaration]) => ({
  id: id as RuleId,
  family: id.slice(0, id.indexOf("-")) as IdFamily,
  ...declaration,
}));

const BY_ID = new Map<string, RuleInfo>(RULES.map((r) => [r.id, r]));

/** Triton's messages for a rule, its template first; empty where Triton has none. */
export function tritonMessages(rule: RuleDeclaration): readonly string[] {
  return rule.template === undefined ? [] : [rule.template, ...(rule.otherTemplates ?? [])];
}

/** The registry entry of a code; throws for an unknown code, which is a bug in the validator. */
export function ruleInfo(id: string): RuleInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`triton-repo: unknown rule id ${id}`);
  return info;
}

/** Whether `id` is a declared rule id. */
export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

/**
 * The diagnostic factory of a report site outside the rule families (the
 * scan, the engine): it declares the ids it reports, and builds only those.
 */
export function diagnosticsFor<const Id extends RuleId>(
  _reports: readonly Id[],
): (code: Id, fields: Omit<Diagnostic, "code" | "severity"> & { severity?: Severity }) => Diagnostic {
  return ruleDiagnostic;
}

/** A diagnostic of a rule, built where no rule context is at hand (the scan, checks across repositories); severity defaults to the registry's. */
export function ruleDiagnostic(
  code: RuleId,
  fields: Omit<Diagnostic, "code" | "severity"> & { severity?: Severity },
): Diagnostic {
  const { severity, ...rest } = fields;
  return { code, severity: severity ?? RULE_REGISTRY[code].severity, ...rest };
}
