/**
 * The options exactly as commander parsed them: only what the user typed (commander sets no
 * defaults, so "absent" means "not given" and the config file or the defaults decide), values not
 * yet validated. `resolveConfig` turns this into the typed configuration.
 */
export interface SetupFlags {
  // Where and as whom (init, plan, rollback).
  profile?: string;
  region?: string;
  endpointUrl?: string;

  // How the run behaves.
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  /** `--no-color` sets this to false; commander sets `true` when the flag is absent. */
  color?: boolean;
  config?: string;
  stateDir?: string;

  // Step answers (init, plan, policies).
  /** Repeatable `--attach-to KIND:NAME`. */
  attachTo?: string[];
  access?: string;
  policyName?: string;
  requireMfa?: boolean;
  /** Repeatable `--allowed-cidr CIDR`. */
  allowedCidr?: string[];
  viewOwnPermissions?: boolean;
  cloudwatch?: boolean;
  cloudwatchPolicy?: string;
  roleName?: string;
  rolePath?: string;
  roleAccess?: string;
  bucket?: string;
  createBucket?: boolean;
  s3Access?: string;
  denyInsecureTransport?: boolean;
  kmsKey?: string;
  /** Repeatable `--tag KEY=VALUE`. */
  tag?: string[];
}
