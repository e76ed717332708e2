import type { BenchResults, PeerResult } from "./results.js";
import { MB, type Throughput } from "./support/stats.js";

/** The human-readable table `npm run bench` prints. */

/** Columns of text; the first `leftColumns` are left-aligned, the figures after them right-aligned. */
function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, leftColumns = 1): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column < leftColumns ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

const n = (value: number, digits = 1) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${n(bytes / MB, 2)} MB`;
const ratio = (value: number | null) => (value === null ? "n/a" : `${n(value, 2)}x`);

function throughputRow(name: string, corpus: Throughput, large: Throughput): string[] {
  const cpu = corpus.cpuMedianMs === null ? "" : n(corpus.cpuMedianMs);
  return [
    name,
    n(corpus.medianMs),
    cpu,
    n(corpus.itemsPerSecond, 0),
    n(corpus.mbPerSecond),
    n(large.medianMs),
    n(large.mbPerSecond),
    n(large.mbPerSecond / corpus.mbPerSecond, 2),
  ];
}

function peerRows(name: string, peer: PeerResult | { skipped: string }, kind: "read" | "print"): string[][] {
  if ("skipped" in peer) return [[`${name} (skipped: ${peer.skipped})`, "", "", "", "", "", "", ""]];
  return [throughputRow(name, peer[kind].corpus, peer[kind].large)];
}

export function formatReport(results: BenchResults): string {
  const { meta, corpus, ours, memory, startup, validate, fmt } = results;
  const out: string[] = [];
  out.push(`triton-repo benchmark: ${meta.date}, node ${meta.node}, ${meta.cpus} x ${meta.cpuModel}`);
  out.push(
    `peers: ${meta.protoc ?? "protoc missing"}; ${meta.python ?? "python3-protobuf missing"}; ${meta.repetitions} repetitions, medians`,
  );
  const load = Math.max(meta.loadAverage.start, meta.loadAverage.end);
  if (load > meta.cpus) {
    out.push(
      `WARNING: load average ${n(meta.loadAverage.start, 2)} -> ${n(meta.loadAverage.end, 2)} on ${meta.cpus} CPUs: other work competed; wall-clock figures are inflated, CPU-time ratios hold better`,
    );
  }
  const kinds = Object.entries(corpus.kinds)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  out.push(
    `corpus: ${corpus.configs} configs, ${mb(corpus.bytes)} (${kinds}), seed 0x${corpus.seed.toString(16)}, generated in ${n(corpus.generationMs, 0)} ms`,
  );
  out.push(`large config: ${corpus.large.inputs} inputs, ${mb(corpus.large.bytes)}`);
  out.push("");

  const headers = ["", "corpus ms", "CPU ms", "configs/s", "MB/s", "large ms", "large MB/s", "large/corpus"];
  out.push("Reading (MB/s of input text)");
  out.push(
    table(headers, [
      throughputRow("ours, positions on (default)", ours.read.corpus, ours.read.large),
      throughputRow("ours, positions off", ours.readWithoutPositions.corpus, ours.readWithoutPositions.large),
      ...peerRows("protoc --encode (minus empty run)", results.protoc, "read"),
      ...peerRows("python text_format.Parse", results.python, "read"),
    ]),
  );
  out.push("");
  out.push("Printing (MB/s of text each printer writes)");
  out.push(
    table(headers, [
      throughputRow("ours printConfig", ours.print.corpus, ours.print.large),
      ...peerRows("protoc --decode (minus empty run)", results.protoc, "print"),
      ...peerRows("python MessageToString", results.python, "print"),
    ]),
  );
  out.push("");
  out.push("Ours / peer, configs per second on the corpus (> 1: ours faster)");
  out.push(
    table(
      ["", "read", "print"],
      [
        ["vs protoc", ratio(results.ratios.readVsProtoc), ratio(results.ratios.printVsProtoc)],
        ["vs python text_format", ratio(results.ratios.readVsPython), ratio(results.ratios.printVsPython)],
        [
          "vs protoc, best run of each",
          ratio(results.ratios.bestRun.readVsProtoc),
          ratio(results.ratios.bestRun.printVsProtoc),
        ],
        [
          "vs protoc, CPU time",
          ratio(results.ratios.cpuTime.readVsProtoc),
          ratio(results.ratios.cpuTime.printVsProtoc),
        ],
      ],
    ),
  );
  const linearity = Object.entries(results.linearity)
    .map(([name, figures]) => `${name} ${n(figures.largeToCorpus, 2)}`)
    .join(", ");
  out.push("");
  out.push(`Linearity, reading MB/s of the large config / of the corpus: ${linearity}`);
  out.push("Linearity, same shape (our reader, the large config at growing sizes):");
  out.push(
    table(
      ["inputs", "MB", "ms", "MB/s"],
      results.scaling.points.map((point) => [
        String(point.inputs),
        n(point.bytes / MB, 2),
        n(point.medianMs),
        n(point.mbPerSecond),
      ]),
    ),
  );
  out.push(
    `line fit: ${n(results.scaling.fit.intercept, 2)} ms + ${n(results.scaling.fit.slope, 2)} ms per MB, R² ${n(results.scaling.fit.r2, 4)}`,
  );
  out.push("");
  out.push(`Memory reading the large config (${mb(memory.inputBytes)}), peak above the process baseline`);
  const memoryRows: string[][] = [
    [
      "ours, positions on",
      mb(memory.ours.heapPeakAboveBaseline),
      ratio(memory.ratios.oursHeap),
      memory.ours.rssPeakAboveBaseline === null ? "n/a" : mb(memory.ours.rssPeakAboveBaseline),
      ratio(memory.ratios.oursRss),
      mb(memory.ours.heapRetainedAboveBaseline),
    ],
    [
      "ours, positions off",
      mb(memory.oursWithoutPositions.heapPeakAboveBaseline),
      ratio(memory.ratios.oursWithoutPositionsHeap),
      memory.oursWithoutPositions.rssPeakAboveBaseline === null
        ? "n/a"
        : mb(memory.oursWithoutPositions.rssPeakAboveBaseline),
      ratio(memory.ratios.oursWithoutPositionsRss),
      mb(memory.oursWithoutPositions.heapRetainedAboveBaseline),
    ],
  ];
  if ("skipped" in memory.python) memoryRows.push([`python (skipped: ${memory.python.skipped})`, "", "", "", "", ""]);
  else {
    const rss = memory.python.rss_peak_above_baseline_bytes;
    memoryRows.push([
      "python (tracemalloc / RSS)",
      mb(memory.python.traced_peak_bytes),
      ratio(memory.ratios.pythonTracemalloc),
      rss === null ? "n/a" : mb(rss),
      ratio(memory.ratios.pythonRss),
      "",
    ]);
  }
  out.push(table(["", "heap peak", "x input", "RSS peak", "x input", "retained"], memoryRows));
  out.push("");
  out.push(
    `Start-up: gen-repo --version median ${n(startup.medianMs)} ms over ${startup.runs} runs (bare node -e "": ${n(startup.bareNodeMedianMs)} ms), Node's defaults (bench/support/node-env.ts)`,
  );
  for (const command of startup.hookCommands) {
    const cpu =
      command.cpuMedianMs === null || command.cpuRatioToBareNode === null
        ? ""
        : `; CPU ${n(command.cpuMedianMs)} ms, ${command.cpuRatioToBareNode.toFixed(2)}x bare node's ${n(startup.bareNodeCpuMedianMs ?? 0)} ms`;
    out.push(
      `  gen-repo ${command.name}: median ${n(command.medianMs)} ms, ${command.ratioToBareNode.toFixed(2)}x bare node${cpu}`,
    );
  }
  out.push(
    `  validate's file work alone (bench/support/file-work.cjs, 10 models): median ${n(startup.fileWork.medianMs)} ms, ${startup.fileWork.ratioToBareNode.toFixed(2)}x bare node`,
  );
  if (startup.asConfigured) {
    const { variables, bareNodeMedianMs, hookCommands } = startup.asConfigured;
    out.push(
      `  as this environment is configured (${variables.join(", ")} set; figures, not targets): bare node -e "" ${n(bareNodeMedianMs)} ms`,
    );
    for (const command of hookCommands)
      out.push(
        `    gen-repo ${command.name}: median ${n(command.medianMs)} ms, ${command.ratioToBareNode.toFixed(2)}x bare node`,
      );
  }
  out.push("");
  if ("skipped" in validate) out.push(`Validation: skipped: ${validate.skipped}`);
  else {
    out.push("Validation: gen-repo validate ROOT, whole process");
    out.push(
      table(
        ["models", "median ms", "CPU ms", "ms/model", "exit", "errors", "warnings", "most frequent codes"],
        validate.sizes.map((size) => [
          String(size.models),
          n(size.medianMs),
          size.cpuMedianMs === null ? "n/a" : n(size.cpuMedianMs),
          n(size.msPerModel, 3),
          [...new Set(size.exitCodes)].join("/"),
          size.diagnostics ? String(size.diagnostics.errors) : "?",
          size.diagnostics ? String(size.diagnostics.warnings) : "?",
          size.diagnostics
            ? size.diagnostics.topCodes.map(([code, count]) => `${code} ${count}`).join(", ")
            : "json unreadable",
        ]),
      ),
    );
    const exponent = validate.growthExponent === null ? "n/a" : n(validate.growthExponent, 2);
    out.push(
      `line fit: ${n(validate.fit.intercept)} ms fixed + ${n(validate.fit.slope, 3)} ms per model, R² ${n(validate.fit.r2, 4)}; growth exponent ${exponent} (1 = linear)`,
    );
    for (const size of validate.sizes)
      if (size.fileWorkMedianMs !== null)
        out.push(
          `  validate's file work alone (bench/support/file-work.cjs, ${size.models} models): median ${n(size.fileWorkMedianMs)} ms`,
        );
    const bare = startup.bareNodeMedianMs;
    out.push(
      `  under the bench's Node ${meta.node}: bare node -e "" ${n(bare)} ms` +
        (validate.otherNodes.length === 0 ? " (other Nodes: npm run bench:nodes fetches Node 22 and 24)" : ""),
    );
    if (validate.asConfigured) {
      const { variables, models, medianMs } = validate.asConfigured;
      out.push(
        `  as this environment is configured (${variables.join(", ")} set): ${models} models median ${n(medianMs)} ms`,
      );
    }
    for (const other of validate.otherNodes) {
      const cpu = other.cpuMedianMs === null ? "" : `, CPU ${n(other.cpuMedianMs)} ms`;
      out.push(
        `  under Node ${other.version}: ${other.models} models median ${n(other.medianMs)} ms${cpu}; bare node -e "" ${n(other.bareMedianMs)} ms`,
      );
    }
  }
  out.push("");
  if ("skipped" in fmt) out.push(`fmt: skipped: ${fmt.skipped}`);
  else {
    out.push(
      `fmt: formatPbtxt ${n(fmt.fmt.itemsPerSecond, 0)} configs/s, ${n(fmt.fmt.mbPerSecond)} MB/s; read+print ${n(fmt.readAndPrint.itemsPerSecond, 0)} configs/s; ` +
        `fmt / (read+print) ${n(fmt.ratioToReadAndPrint, 2)}, fmt / print ${n(fmt.ratioToPrint, 2)}`,
    );
  }
  out.push("");
  const { serve } = results;
  if ("skipped" in serve) out.push(`gen-repo serve (issue 9): skipped: ${serve.skipped}`);
  else {
    const ms = (v: number) => `${n(v, 1)} ms`;
    out.push(
      `gen-repo serve (issue 9), ACT deployment --device cpu on the local Triton: start to ready ${ms(serve.readyMedianMs)} (median of ${serve.readyMs.length}: ${serve.readyMs.map((v) => n(v, 0)).join(", ")} ms)`,
    );
    for (const [name, figure] of [
      ["gRPC", serve.grpc],
      ["HTTP", serve.http],
    ] as const) {
      out.push(
        `  ${name}: p50 ${ms(figure.p50Ms)}, p99 ${ms(figure.p99Ms)}, mean ${ms(figure.meanMs)} over ${figure.requests} sequential requests (state + 3.7 MB image, placeholder policy)`,
      );
    }
  }
  out.push("");
  out.push("Targets");
  out.push(
    table(
      ["issue", "what", "measured", "target", "met"],
      results.targets.map((target) => [
        `#${target.issue}`,
        target.name,
        target.measured,
        target.target,
        target.met === null ? "n/a" : target.met ? "yes" : "NO",
      ]),
      2,
    ),
  );
  return out.join("\n");
}
