// Credentials come only from the AWS default chain and the user's AWS config files. Triad lists profiles
// by name and kind, and never reads out, stores or logs a secret.

import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@aws-sdk/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CollectionProfile, ProfileKind } from '../../shared/api';

/** The kind of a profile, from which keys it has (their values are never read out). */
export function profileKind(section: Record<string, string | undefined>): ProfileKind {
  if (section.sso_session || section.sso_start_url || section.sso_account_id) return 'sso';
  if (section.role_arn) return 'role';
  if (section.credential_process) return 'process';
  if (section.web_identity_token_file) return 'web-identity';
  if (section.aws_access_key_id) return 'static';
  return 'other';
}

/** Profiles from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). */
export async function listProfiles(files?: { configFilepath?: string; filepath?: string }): Promise<CollectionProfile[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  const profiles: CollectionProfile[] = [];
  for (const name of [...names].sort()) {
    // Only the non-secret keys of each section are looked at; the static kind is told from the key's presence.
    const merged = { ...credentialsFile[name], ...configFile[name] };
    const profile: CollectionProfile = { name, kind: profileKind(merged) };
    if (merged.region) profile.region = merged.region;
    if (merged.sso_account_id) profile.accountId = merged.sso_account_id;
    if (merged.role_arn) profile.roleArn = merged.role_arn;
    profiles.push(profile);
  }
  return profiles;
}

/**
 * The base credentials: the named profile (SSO, role, credential_process, static) or, without one, the
 * default chain (environment, profile from AWS_PROFILE, SSO, process, container and instance roles).
 * `reload()` builds a fresh provider, e.g. after the user ran "aws sso login".
 */
export class BaseCredentials {
  private provider: AwsCredentialIdentityProvider;

  constructor(
    readonly profile: string | undefined,
    private readonly explicit?: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  ) {
    this.provider = this.build();
  }

  private build(): AwsCredentialIdentityProvider {
    if (this.explicit) {
      const explicit = this.explicit;
      return typeof explicit === 'function' ? explicit : async () => explicit;
    }
    return fromNodeProviderChain(this.profile ? { profile: this.profile } : {});
  }

  /** A provider whose identity follows reload(). */
  readonly credentials: AwsCredentialIdentityProvider = (props) => this.provider(props);

  reload(): void {
    this.provider = this.build();
  }
}

export function ssoLoginHint(profile: string | undefined): string {
  return profile
    ? `SSO session for profile ${profile} expired: run "aws sso login --profile ${profile}"`
    : 'SSO session expired: run "aws sso login" for the profile in use';
}
