/**
 * Wires the fake into the real SDK clients: one aws-sdk-client-mock stub per client class, one
 * `.on(XxxCommand).callsFake(…)` per implemented command, each wrapped so that every call is
 * logged, delayed, fault-checked and then served from the account state.
 */
import * as iamSdk from '@aws-sdk/client-iam';
import * as kmsSdk from '@aws-sdk/client-kms';
import * as s3Sdk from '@aws-sdk/client-s3';
import * as stsSdk from '@aws-sdk/client-sts';
import type { AwsStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import type { AccountState } from './account-state.js';
import type { CallLog, ServiceName } from './call-log.js';
import { isMutating } from './call-log.js';
import { okMetadata } from './fake-errors.js';
import { iamAttachmentHandlers } from './fake-iam-attachments.js';
import { iamPolicyHandlers } from './fake-iam-policies.js';
import { iamPrincipalHandlers } from './fake-iam-principals.js';
import { kmsHandlers } from './fake-kms.js';
import { s3Handlers } from './fake-s3.js';
import { stsHandlers } from './fake-sts.js';
import type { Faults } from './faults.js';
import type { Handler, HandlerTable } from './handler-types.js';

export interface ServedAccount {
  state: AccountState;
  log: CallLog;
  faults: Faults;
  latencyMs: number;
  propagationCalls: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStub = AwsStub<any, any, any>;
type CommandClass = Parameters<AnyStub['on']>[0];
type ClientClass = Parameters<typeof mockClient>[0] & { prototype: { send: unknown } };

const SERVICES: { service: ServiceName; Client: ClientClass; sdk: object; handlers: HandlerTable }[] = [
  { service: 'iam', Client: iamSdk.IAMClient, sdk: iamSdk, handlers: { ...iamPrincipalHandlers, ...iamPolicyHandlers, ...iamAttachmentHandlers } },
  { service: 's3', Client: s3Sdk.S3Client, sdk: s3Sdk, handlers: s3Handlers },
  { service: 'kms', Client: kmsSdk.KMSClient, sdk: kmsSdk, handlers: kmsHandlers },
  { service: 'sts', Client: stsSdk.STSClient, sdk: stsSdk, handlers: stsHandlers },
];

/** Mocks every client class; returns the function that restores them. */
export function installMocks(account: ServedAccount): () => void {
  const installed = SERVICES.map(({ service, Client, sdk, handlers }) => {
    const mock = mockClient(Client) as AnyStub;
    for (const [command, handler] of Object.entries(handlers)) {
      mock.on(commandClass(sdk, command)).callsFake((input: unknown, getClient: () => unknown) =>
        serve(account, service, command, handler, input, getClient()),
      );
    }
    // Anything without a handler fails loudly, never answers `{}`.
    mock.send.callsFake((command: object) => refuse(account, service, command));
    return { Client, mock };
  });
  return () => {
    // A later install replaces our stubs; restoring ours then would remove its mocks.
    for (const { Client, mock } of installed) if (Client.prototype.send === mock.send) mock.restore();
  };
}

/**
 * One call: logged and fault-decided synchronously when `send` is called (so calls sent together
 * overlap in the log), then the latency, then the handler against the account.
 */
function serve(account: ServedAccount, service: ServiceName, command: string, handler: Handler, input: unknown, client: unknown): Promise<object> {
  const call = account.log.begin(service, command, input);
  const fault = account.faults.decide({ service, command, input }, isMutating(command));
  return (async () => {
    try {
      const { region, followRegionRedirects } = await clientSettings(client, account.state.region);
      await sleep(account.latencyMs);
      if (fault) throw fault;
      const output = handler(input ?? {}, {
        state: account.state,
        region,
        followRegionRedirects,
        callIndex: call.index,
        propagationCalls: account.propagationCalls,
      });
      call.end();
      return { $metadata: okMetadata(), ...output };
    } catch (error) {
      call.end(error);
      throw error;
    }
  })();
}

function refuse(account: ServedAccount, service: ServiceName, command: object): Promise<never> {
  const name = command.constructor.name.replace(/Command$/, '');
  const call = account.log.begin(service, name, (command as { input?: unknown }).input);
  const error = new Error(`FakeAccount does not implement ${service.toUpperCase()} ${name}Command: add a handler in test/support before relying on it.`);
  call.end(error);
  return Promise.reject(error);
}

function commandClass(sdk: object, command: string): CommandClass {
  const Class = (sdk as Record<string, unknown>)[`${command}Command`];
  if (typeof Class !== 'function') throw new Error(`FakeAccount: the SDK has no ${command}Command`);
  return Class as CommandClass;
}

async function clientSettings(client: unknown, fallbackRegion: string): Promise<{ region: string; followRegionRedirects: boolean }> {
  const config = (client as { config?: { region?: unknown; followRegionRedirects?: unknown } } | undefined)?.config;
  const region = typeof config?.region === 'function' ? await (config.region as () => Promise<string>)() : config?.region;
  return { region: typeof region === 'string' ? region : fallbackRegion, followRegionRedirects: config?.followRegionRedirects === true };
}

/** Always yields to the event loop, so calls sent together overlap even with no latency. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
