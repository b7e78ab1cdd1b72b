/** The budgets of issue #5, checked against the measured figures. */
import type { AwsWorkResult } from './aws-work.js';
import type { BundleFigures } from './bundle.js';
import type { PackageFigures } from './package-size.js';
import type { StartUpResult } from './start-up.js';

export interface BudgetCheck {
  budget: string;
  actual: string;
  /** `undefined` when the figure was not measured (e.g. `--skip-package`). */
  pass: boolean | undefined;
}

/** `--help` may take at most this many times a bare `node -e 0`. */
export const HELP_RATIO_LIMIT = 1.5;
/** Sequential round trips of `plan` on a set-up account with one bucket and one key. */
export const PLAN_ROUND_TRIP_LIMIT = 4;

/** What the published package may hold besides package.json. */
const SHIPPED = /^(bin\/personalize-setup\.js|bin\/package\.json|dist\/start\.cjs|dist\/cli\.js|dist\/chunks\/[^/]+\.js|dist\/help\/[a-z-]+\.txt|README\.md|LICENSE|package\.json)$/;

export function checkBudgets(figures: { startUp: StartUpResult; awsWork: AwsWorkResult; bundle: BundleFigures; package: PackageFigures | undefined }): BudgetCheck[] {
  const { startUp, awsWork, bundle } = figures;
  const help = startUp.commands.find((command) => command.label === '--help');
  const planSetUp = scenario(awsWork, 'plan, set-up account');
  const noOp = scenario(awsWork, 'init --yes, no-op re-run');
  const sdkLoaders = startUp.commands.filter((command) => command.sdkLoaded).map((command) => command.label);
  const bundleProblems = [...bundle.unreachable.map((file) => `${file} unreachable`), ...bundle.foreignImports.map((name) => `imports ${name}`)];

  const checks: BudgetCheck[] = [
    {
      budget: `--help within ${HELP_RATIO_LIMIT}× node -e 0`,
      actual: help ? `${help.ratio.toFixed(2)}×` : 'not measured',
      pass: help ? help.ratio <= HELP_RATIO_LIMIT : false,
    },
    {
      budget: 'no AWS SDK loaded for --help, policies, input errors',
      actual: sdkLoaders.length === 0 ? 'none loaded' : `loaded by ${sdkLoaders.join(', ')}`,
      pass: sdkLoaders.length === 0,
    },
    {
      budget: `plan, set-up account: ≤ ${PLAN_ROUND_TRIP_LIMIT} round trips`,
      actual: `${planSetUp.roundTrips}`,
      pass: planSetUp.roundTrips <= PLAN_ROUND_TRIP_LIMIT,
    },
    { budget: 'no-op init --yes: 0 writes', actual: `${noOp.writes}`, pass: noOp.writes === 0 },
    {
      budget: 'no-op init --yes: round trips ≤ plan’s',
      actual: `${noOp.roundTrips} vs ${planSetUp.roundTrips}`,
      pass: noOp.roundTrips <= planSetUp.roundTrips,
    },
    {
      budget: 'bundle: every file reachable, nothing imported from outside',
      actual: bundleProblems.length === 0 ? `${bundle.files} files, all reachable` : bundleProblems.join('; '),
      pass: bundleProblems.length === 0,
    },
  ];

  const pkg = figures.package;
  const extra = pkg ? pkg.files.filter((path) => !SHIPPED.test(path)) : [];
  checks.push({
    budget: 'package ships bin/, the bundle, README.md, LICENSE only',
    actual: !pkg ? 'not measured' : extra.length === 0 ? `${pkg.files.length} files` : `also ${extra.join(', ')}`,
    pass: pkg ? extra.length === 0 : undefined,
  });
  checks.push({
    budget: 'installed package runs on its own',
    actual: !pkg ? 'not measured' : `${pkg.installedPackages} package${pkg.installedPackages === 1 ? '' : 's'} installed, ${pkg.installedBinaryRuns ? 'runs' : 'does not run'}`,
    pass: pkg ? pkg.installedBinaryRuns : undefined,
  });
  return checks;
}

function scenario(result: AwsWorkResult, name: string): AwsWorkResult['scenarios'][number] {
  const found = result.scenarios.find((figure) => figure.scenario === name);
  if (!found) throw new Error(`no figures for scenario "${name}"`);
  return found;
}
