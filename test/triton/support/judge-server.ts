/**
 * A real Triton in explicit model-control mode over an empty staging
 * repository, for TritonJudge; restarted when a case crashes it. Every
 * server started here is stopped by stopAll (call it in afterAll), also the
 * ones a restart replaced.
 */
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type RunningTriton, launchTriton } from "../../../src/serve/launch.js";
import { realTriton } from "../../support/triton.js";
import { TritonJudge } from "./triton-verdict.js";

/** Pids of a process's children (Linux /proc; none elsewhere). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
        .split(/\s+/)
        .filter((p) => p !== "")
        .map(Number),
    );
  } catch {
    return [];
  }
}

export class JudgeServer {
  judge!: TritonJudge;
  /** The logs of the servers this slot ran, oldest first (a crashed server's log ends with its signal). */
  readonly logs: Array<() => string> = [];
  private readonly started: RunningTriton[] = [];
  private restarts = 0;
  private restarting: Promise<void> | undefined;

  private constructor(
    readonly stage: string,
    private readonly extraArgs: string[],
    private readonly loadTimeoutMs: number,
  ) {}

  /** Starts a server over `<work>/stage-<label>`; throws with Triton's log when it does not come up. */
  static async start(work: string, label: string, extraArgs: string[], loadTimeoutMs: number): Promise<JudgeServer> {
    const stage = join(work, `stage-${label}`);
    mkdirSync(stage, { recursive: true });
    const slot = new JudgeServer(stage, extraArgs, loadTimeoutMs);
    await slot.launch();
    return slot;
  }

  private async launch(): Promise<void> {
    const install = realTriton();
    if (!install) throw new Error("JudgeServer needs the local Triton");
    const result = await launchTriton({
      install,
      repositories: [this.stage],
      modelControl: "explicit",
      extraArgs: this.extraArgs,
      readyTimeoutMs: 60_000,
    });
    if (!result.ok) throw new Error(`${result.reason}\n--- Triton's log ---\n${result.log.slice(-4000)}`);
    this.started.push(result.triton);
    this.logs.push(() => result.triton.log());
    this.judge = new TritonJudge(result.triton, this.stage, this.loadTimeoutMs);
  }

  /** Replaces a dead server with a fresh one, once however many callers ask (bounded: 10 restarts per slot). */
  async restartIfDead(): Promise<void> {
    if (this.restarting) return this.restarting;
    if (!this.judge.dead) return;
    if (++this.restarts > 10) throw new Error("Triton crashed more than 10 times in one suite");
    this.restarting = this.launch().finally(() => {
      this.restarting = undefined;
    });
    return this.restarting;
  }

  /**
   * Stops every server this slot started. The Python stubs a server spawned
   * can outlive a server that had to be killed, so its children are noted
   * first and any still there afterwards are killed too, by pid.
   */
  async stopAll(): Promise<void> {
    const children = this.started.flatMap((t) => childrenOf(t.pid));
    await Promise.all(this.started.map((t) => t.stop(10_000)));
    for (const pid of children) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone, as it should be.
      }
    }
  }
}
