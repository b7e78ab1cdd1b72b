/** The steps layer: `planSetup` assembles the plan; each step's `plan` function is exported for tests and the wizard. */
export { planSetup } from './plan-setup.js';
export { resolveTargets, isIdentityCenterRole, type TargetResolution } from './resolve-targets.js';
export { planOperatorAccess } from './operator-access.js';
export { planCloudWatch } from './cloudwatch.js';
export { planServiceRole } from './service-role.js';
export { planS3Access } from './s3-access.js';
export { planKmsAccess } from './kms-access.js';
export type { StepContext } from './step-context.js';
export type * from './types.js';
