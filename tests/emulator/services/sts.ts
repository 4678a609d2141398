// STS: who is calling, and AssumeRole into scenario roles (trust, ExternalId, MFA, suspended accounts).
import { randomBytes } from 'node:crypto';
import { AwsError, stableId, type Handler, type HandlerContext, type IssuedSession } from '../context';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

function notAuthorized(context: HandlerContext, roleArn: string): AwsError {
  return new AwsError('AccessDenied', `User: ${context.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
}

/** The ARN a trust policy names for the caller: the user, or the role behind an assumed-role session. */
function trustPrincipalOf(context: HandlerContext): string {
  const { identity } = context;
  return identity.roleName ? `arn:aws:iam::${identity.accountId}:role/${identity.roleName}` : identity.arn;
}

export const stsHandlers: Record<string, Handler> = {
  GetCallerIdentity: (context) => ({
    UserId: context.identity.userId,
    Account: context.identity.accountId,
    Arn: context.identity.arn,
  }),

  AssumeRole: (context, input) => {
    const roleArn = String(input.RoleArn);
    const sessionName = String(input.RoleSessionName);
    const match = ROLE_ARN.exec(roleArn);
    if (!match) throw new AwsError('ValidationError', `${roleArn} is invalid`, 400);
    const [, accountId, roleName] = match;
    const target = context.state.accounts.get(accountId);
    const role = target?.roles.find((candidate) => candidate.name === roleName);
    if (!target || !role || target.status !== 'ACTIVE') throw notAuthorized(context, roleArn);
    const caller = trustPrincipalOf(context);
    const trusted = role.trustedPrincipals.some((principal) => principal === caller || principal === `arn:aws:iam::${context.identity.accountId}:root`);
    if (!trusted) throw notAuthorized(context, roleArn);
    if (role.externalId !== undefined && input.ExternalId !== role.externalId) throw notAuthorized(context, roleArn);
    if (role.mfaRequired && (typeof input.SerialNumber !== 'string' || !/^\d{6}$/.test(String(input.TokenCode ?? '')))) {
      throw notAuthorized(context, roleArn);
    }
    const duration = typeof input.DurationSeconds === 'number' ? input.DurationSeconds : 3600;
    const maxDuration = role.maxSessionDuration ?? 3600;
    if (duration > maxDuration) {
      throw new AwsError(
        'ValidationError',
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
        400,
      );
    }
    const sequence = context.state.sessions.size + 1;
    const accessKeyId = `ASIA${sequence.toString(36).toUpperCase().padStart(16, '0')}`;
    const session: IssuedSession = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
      sessionToken: `FwoGZXIvYXdzE${randomBytes(96).toString('base64')}`,
      accountId,
      roleName,
      sessionName,
      externalId: typeof input.ExternalId === 'string' ? input.ExternalId : undefined,
      sourceIdentityArn: context.identity.arn,
      expiration: new Date(context.state.now().getTime() + duration * 1000),
      remainingCalls: context.state.faults.credentialLifetimeCalls({ ...context, accountId }),
    };
    context.state.sessions.set(accessKeyId, session);
    return {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: session.expiration,
      },
      AssumedRoleUser: {
        AssumedRoleId: `${roleIdOf(accountId, roleName)}:${sessionName}`,
        Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      },
    };
  },
};

/** `AROA` + 17 characters, stable per role, like IAM's unique role ids. */
export function roleIdOf(accountId: string, roleName: string): string {
  return `AROA${stableId(`${accountId}/${roleName}`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
}

/** `AIDA` + 17 characters, stable per user. */
export function userIdOf(accountId: string, userName: string): string {
  return `AIDA${stableId(`${accountId}/user/${userName}`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
}
