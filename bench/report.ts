/** The table the benchmark prints (and the README shows). */
import type { BenchResults } from './results.js';
import { formatBytes } from './stats.js';

export function renderReport(results: BenchResults): string {
  const { machine, startUp, awsWork, bundle } = results;
  const pkg = results.package;
  const out: string[] = [];
  out.push(`personalize-setup benchmark: Node ${machine.node}, ${machine.platform}-${machine.arch}, ${machine.cpus} × ${machine.cpuModel}`);

  out.push('', `Start-up (clean environment; median of ${runs(startUp.runs)} each, interleaved)`);
  out.push(
    ...table(
      [
        ['command', 'wall', '× node -e 0', 'bundle loaded', 'AWS SDK'],
        ['node -e 0', ms(startUp.baselineMs), '1.00', '', ''],
        ...startUp.commands.map((c) => [`personalize-setup ${c.label}`, ms(c.medianMs), c.ratio.toFixed(2), formatBytes(c.bundleBytesLoaded), c.sdkLoaded ? 'loaded' : 'not loaded']),
      ],
      'lrrrl',
    ),
  );

  const inherited = startUp.inheritedEnvironment;
  if (inherited) {
    out.push(
      `  (with this shell's ${inherited.variables.join(', ')}: node -e 0 ${ms(inherited.baselineMs)}, --help ${ms(inherited.helpMs)}, ${inherited.ratio.toFixed(2)}×;`,
      '   the figures above and the budget use a clean environment)',
    );
  }

  out.push('', `AWS work (in-memory account, ${awsWork.latencyMs} ms per call; median of ${runs(awsWork.runs)})`);
  out.push(
    ...table(
      [
        ['scenario', 'requests', 'writes', 'round trips', 'wall'],
        ...awsWork.scenarios.map((s) => [s.scenario, `${s.requests}`, `${s.writes}`, `${s.roundTrips}`, ms(s.wallMs)]),
      ],
      'lrrrr',
    ),
  );

  out.push('', 'Package');
  out.push(
    ...table(
      [
        ['bundle (dist/)', `${formatBytes(bundle.bytes)} in ${bundle.files} files; ${formatBytes(bundle.entryBytes)} in ${bundle.entryFiles} loaded by every run`],
        ...(pkg
          ? [
              ['npm pack tarball', `${formatBytes(pkg.tarballBytes)} (${pkg.files.length} files, ${formatBytes(pkg.unpackedBytes)} unpacked)`],
              ['production install', `${formatBytes(pkg.installBytes)}, ${pkg.installedPackages} package${pkg.installedPackages === 1 ? '' : 's'}`],
            ]
          : [['npm pack, install', 'skipped (--skip-package)']]),
      ],
      'll',
    ),
  );

  out.push('', 'Budgets');
  out.push(...table(results.budgets.map((b) => [b.pass === undefined ? '-' : b.pass ? '✓' : '✗', b.budget, b.actual]), 'lll'));
  const failed = results.budgets.filter((b) => b.pass === false).length;
  out.push('', failed === 0 ? 'All budgets met.' : `${failed} budget${failed === 1 ? '' : 's'} not met.`);
  return `${out.join('\n')}\n`;
}

function runs(count: number): string {
  return `${count} run${count === 1 ? '' : 's'}`;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

/** Columns padded to their widest cell; `align` has one `l` or `r` per column. */
function table(rows: string[][], align: string): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map(
    (row) =>
      `  ${row
        .map((cell, col) => (align[col] === 'r' ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0)))
        .join('   ')
        .trimEnd()}`,
  );
}
