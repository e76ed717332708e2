/**
 * A real Triton in explicit model-control mode over an empty staging
 * repository, for TritonJudge; restarted when a case crashes it. Every
 * server started here is stopped by stopAll (call it in afterAll), also the
 * ones a restart replaced.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type RunningTriton, launchTriton } from "../../../src/serve/launch.js";
import { realTriton } from "../../support/triton.js";
import { TritonJudge } from "./triton-verdict.js";

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
    const result = await launchTriton({ install, repositories: [this.stage], modelControl: "explicit", extraArgs: this.extraArgs, readyTimeoutMs: 60_000 });
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

  async stopAll(): Promise<void> {
    await Promise.all(this.started.map((t) => t.stop(10_000)));
  }
}
