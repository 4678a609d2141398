// The app's filters resolved against a snapshot's accounts and controls, as sets of ids the readers turn into SQL:
// the one definition of what an OU filter (the OU or below it) and a source or severity filter select.

import type { Account, ComplianceStatus, Control } from '../../shared/domain';
import type { Filters } from '../../shared/filters';

/** The filters resolved to sets of ids; null means "no restriction". */
export interface ResolvedScope {
  accounts: Set<string> | null;
  regions: Set<string> | null;
  statuses: Set<ComplianceStatus> | null;
  controls: Set<string> | null;
}

/** `accounts` and `controls` are asked for only when an OU, source or severity filter needs them. */
export function resolveScope(filters: Filters, accounts: () => Iterable<Account>, controls: () => Iterable<Control>): ResolvedScope {
  let accountSet: Set<string> | null = filters.accounts?.length ? new Set(filters.accounts) : null;
  if (filters.ous?.length) {
    const ous = filters.ous;
    const inOu = [...accounts()].filter((a) => ous.some((ou) => a.ouPath === ou || a.ouPath.startsWith(`${ou}/`))).map((a) => a.id);
    accountSet = new Set(accountSet ? inOu.filter((id) => accountSet!.has(id)) : inOu);
  }
  let controlSet: Set<string> | null = null;
  if (filters.severities?.length || filters.sources?.length) {
    controlSet = new Set(
      [...controls()]
        .filter((c) => !filters.sources?.length || filters.sources.includes(c.source))
        .filter((c) => !filters.severities?.length || (c.classification !== null && filters.severities.includes(c.classification.severity)))
        .map((c) => c.id),
    );
  }
  return {
    accounts: accountSet,
    regions: filters.regions?.length ? new Set(filters.regions) : null,
    statuses: filters.statuses?.length ? new Set(filters.statuses) : null,
    controls: controlSet,
  };
}
