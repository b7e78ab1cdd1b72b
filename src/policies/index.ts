/**
 * Pure policy documents: builders, normalisation, merging, coverage and size checks.
 * Nothing here performs I/O or imports anything else of the project.
 */
export * from './arns.js';
export * from './coverage.js';
export * from './errors.js';
export * from './limits.js';
export * from './merge.js';
export * from './normalise.js';
export * from './operator-policies.js';
export * from './resource-policies.js';
export * from './role-policies.js';
export * from './s3-actions.js';
export type * from './types.js';
