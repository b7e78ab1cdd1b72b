/** STS: who is calling. */
import { findPrincipal, findRole } from './account-state.js';
import type { CallContext, HandlerTable } from './handler-types.js';

export const stsHandlers: HandlerTable = {
  GetCallerIdentity: (_input: object, { state }: CallContext) => {
    const arn = state.callerArn;
    const assumed = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
    const user = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
    // UserId is AIDA… for a user, AROA…:session for an assumed role, the account id for root.
    let userId = state.account;
    if (assumed) userId = `${findRole(state, assumed[1] ?? '')?.id ?? 'AROAUNKNOWNROLE00000'}:${assumed[2]}`;
    else if (user) userId = findPrincipal(state, 'user', user[1] ?? '')?.id ?? 'AIDAUNKNOWNUSER00000';
    return { UserId: userId, Account: state.account, Arn: arn };
  },
};
