/** bench/results.json: every figure the benchmark measured, where, and the budgets' verdicts. */
import type { AwsWorkResult } from './aws-work.js';
import type { BudgetCheck } from './budgets.js';
import type { BundleFigures } from './bundle.js';
import type { PackageFigures } from './package-size.js';
import type { StartUpResult } from './start-up.js';

export interface MachineInfo {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
}

export interface BenchResults {
  /** ISO time of the run. */
  date: string;
  machine: MachineInfo;
  startUp: StartUpResult;
  awsWork: AwsWorkResult;
  bundle: BundleFigures;
  /** Absent with `--skip-package`. */
  package?: PackageFigures;
  budgets: BudgetCheck[];
  /** False when any measured budget is not met. */
  passed: boolean;
}
