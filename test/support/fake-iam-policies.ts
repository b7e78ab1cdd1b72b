/** IAM managed policies and their versions. */
import type {
  CreatePolicyCommandInput,
  CreatePolicyVersionCommandInput,
  DeletePolicyCommandInput,
  DeletePolicyVersionCommandInput,
  GetPolicyCommandInput,
  GetPolicyVersionCommandInput,
  ListPolicyVersionsCommandInput,
  SetDefaultPolicyVersionCommandInput,
  TagPolicyCommandInput,
} from '@aws-sdk/client-iam';
import type { AccountState, ManagedPolicyState, PolicyVersionState } from './account-state.js';
import { attachmentCount, tick } from './account-state.js';
import { nonWhitespaceLength, urlEncode } from './documents.js';
import { iamError } from './fake-errors.js';
import { IAM_PAGES, markerOutput } from './fake-iam-principals.js';
import type { CallContext, HandlerTable } from './handler-types.js';
import {
  appendVersion,
  assertCustomerManaged,
  checkName,
  checkPath,
  customerPolicyNamed,
  insertPolicy,
  mergeTags,
  resolvePolicy,
  tagsOutput,
} from './iam-model.js';
import { paginate } from './pagination.js';
import { identityPolicyProblem } from './policy-validation.js';

const POLICY_SIZE_QUOTA = 6144;
const MAX_VERSIONS = 5;

export const iamPolicyHandlers: HandlerTable = {
  GetPolicy: (input: GetPolicyCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    return { Policy: { ...policyShape(state, policy), ...tagsOutput(policy.tags) } };
  },

  GetPolicyVersion: (input: GetPolicyVersionCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    const version = requireVersion(policy, input.VersionId);
    return { PolicyVersion: { ...versionShape(policy, version), Document: urlEncode(version.document) } };
  },

  /** Newest first, as IAM lists them; documents are not included. */
  ListPolicyVersions: (input: ListPolicyVersionsCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    const newestFirst = [...policy.versions].reverse().map((v) => versionShape(policy, v));
    const page = paginate(newestFirst, { marker: input.Marker, size: input.MaxItems }, IAM_PAGES);
    return { Versions: page.items, IsTruncated: page.nextMarker !== undefined, ...markerOutput(page.nextMarker) };
  },

  CreatePolicy: (input: CreatePolicyCommandInput, { state }: CallContext) => {
    const name = checkName(input.PolicyName, 'policyName', 128);
    const path = checkPath(input.Path);
    if (customerPolicyNamed(state, name)) {
      throw iamError.entityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const document = checkDocument(input.PolicyDocument);
    const tags = mergeTags({}, input.Tags, 'TagsPerPolicy');
    const policy = insertPolicy(state, { name, path, document, description: input.Description, tags });
    return { Policy: { ...policyShape(state, policy), ...tagsOutput(policy.tags) } };
  },

  CreatePolicyVersion: (input: CreatePolicyVersionCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    assertCustomerManaged(policy, 'CreatePolicyVersion');
    const document = checkDocument(input.PolicyDocument);
    if (policy.versions.length >= MAX_VERSIONS) {
      throw iamError.limitExceeded(
        'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      );
    }
    const id = appendVersion(state, policy, document, input.SetAsDefault ?? false);
    return { PolicyVersion: versionShape(policy, requireVersion(policy, id)) };
  },

  DeletePolicyVersion: (input: DeletePolicyVersionCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    assertCustomerManaged(policy, 'DeletePolicyVersion');
    const version = requireVersion(policy, input.VersionId);
    if (version.id === policy.defaultVersionId) throw iamError.deleteConflict('Cannot delete the default version of a policy.');
    policy.versions = policy.versions.filter((v) => v !== version);
    return {};
  },

  SetDefaultPolicyVersion: (input: SetDefaultPolicyVersionCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    assertCustomerManaged(policy, 'SetDefaultPolicyVersion');
    const version = requireVersion(policy, input.VersionId);
    policy.defaultVersionId = version.id;
    policy.updateDate = tick(state);
    return {};
  },

  DeletePolicy: (input: DeletePolicyCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    assertCustomerManaged(policy, 'DeletePolicy');
    if (attachmentCount(state, policy.arn) > 0) throw iamError.deleteConflict('Cannot delete a policy attached to entities.');
    if (policy.versions.length > 1) {
      throw iamError.deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. " +
          'The default version is deleted with the policy.',
      );
    }
    state.policies.delete(policy.arn);
    return {};
  },

  TagPolicy: (input: TagPolicyCommandInput, { state }: CallContext) => {
    const policy = resolvePolicy(state, input.PolicyArn);
    assertCustomerManaged(policy, 'TagPolicy');
    policy.tags = mergeTags(policy.tags, input.Tags, 'TagsPerPolicy');
    return {};
  },
};

function checkDocument(document: string | undefined): string {
  const text = document ?? '';
  const problem = identityPolicyProblem(text);
  if (problem) throw iamError.malformedPolicyDocument(problem);
  if (nonWhitespaceLength(text) > POLICY_SIZE_QUOTA) {
    throw iamError.limitExceeded(`Cannot exceed quota for PolicySize: ${POLICY_SIZE_QUOTA}`);
  }
  return text;
}

function requireVersion(policy: ManagedPolicyState, versionId: string | undefined): PolicyVersionState {
  const version = policy.versions.find((v) => v.id === versionId);
  if (!version) throw iamError.noSuchEntity(`Policy ${policy.arn} version ${String(versionId)} does not exist or is not attachable.`);
  return version;
}

function policyShape(state: AccountState, policy: ManagedPolicyState): object {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount(state, policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(policy.description !== undefined ? { Description: policy.description } : {}),
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
  };
}

function versionShape(policy: ManagedPolicyState, version: PolicyVersionState): object {
  return { VersionId: version.id, IsDefaultVersion: version.id === policy.defaultVersionId, CreateDate: version.createDate };
}
