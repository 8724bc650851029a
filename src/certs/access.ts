/**
 * Who may see what. The access key belongs to one cloud account, so only the Slack workspaces or channels
 * and Teams tenants or teams listed in configuration (CERTSTATUS_CCM_ALLOW_*), and the web page when allowed and
 * behind its token, may look certificates up;
 * anyone else gets the DNS check only and never a value from the account, with a sentence saying why.
 * The decision is pure; `lookupEvent` is what goes to the stats event log (who, which certificate, when).
 */
import type { CcmAllowlist } from '../config/ccm';
import type { OpsEvent } from '../ops/events';

export type Caller =
  | { channel: 'slack'; workspace?: string; channelId?: string; user?: string }
  | { channel: 'teams'; tenant?: string; team?: string; user?: string }
  /** The web check page: `behindToken` when CERTSTATUS_WEB_TOKEN guards it (an open page is anyone's). */
  | { channel: 'web'; behindToken: boolean }
  /** The command line: whoever runs it holds the key already. */
  | { channel: 'terminal'; user?: string };

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

const DNS_ONLY = 'so I checked DNS only and read nothing from the certificate account';

function listed(list: string[], id: string | undefined): boolean {
  return id !== undefined && list.some((entry) => entry.toLowerCase() === id.toLowerCase());
}

/** `configured`: credentials are set. Without them nobody is refused by policy; there is nothing to read. */
export function decideAccess(allow: CcmAllowlist, caller: Caller, configured: boolean): AccessDecision {
  if (!configured) return { allowed: false, reason: `Certificate look-ups are not set up on this bot (no access key), ${DNS_ONLY}.` };
  if (caller.channel === 'terminal') return { allowed: true };
  if (caller.channel === 'web') {
    if (allow.web && caller.behindToken) return { allowed: true };
    return {
      allowed: false,
      reason: !allow.web
        ? `This web page may not look certificates up (CERTSTATUS_CCM_ALLOW_WEB is off), ${DNS_ONLY}.`
        : `This web page is open to anyone (no CERTSTATUS_WEB_TOKEN), so it may not look certificates up, ${DNS_ONLY}.`,
    };
  }
  if (caller.channel === 'slack') {
    if (listed(allow.slackWorkspaces, caller.workspace) || listed(allow.slackChannels, caller.channelId)) return { allowed: true };
    const none = allow.slackWorkspaces.length === 0 && allow.slackChannels.length === 0;
    return {
      allowed: false,
      reason: none
        ? `No Slack workspace or channel may look certificates up on this bot (CERTSTATUS_CCM_ALLOW_SLACK_* is empty), ${DNS_ONLY}.`
        : `This Slack ${caller.channelId ? 'channel' : 'workspace'} is not on the list allowed to look certificates up (CERTSTATUS_CCM_ALLOW_SLACK_WORKSPACES / _CHANNELS), ${DNS_ONLY}.`,
    };
  }
  if (listed(allow.teamsTenants, caller.tenant) || listed(allow.teamsTeams, caller.team)) return { allowed: true };
  const none = allow.teamsTenants.length === 0 && allow.teamsTeams.length === 0;
  return {
    allowed: false,
    reason: none
      ? `No Teams tenant or team may look certificates up on this bot (CERTSTATUS_CCM_ALLOW_TEAMS_* is empty), ${DNS_ONLY}.`
      : `This Teams ${caller.team ? 'team' : 'tenant'} is not on the list allowed to look certificates up (CERTSTATUS_CCM_ALLOW_TEAMS_TENANTS / _TEAMS), ${DNS_ONLY}.`,
  };
}

/** Who asked, as one string for the event log: `slack:T123/C456/U789`, `teams:tenant/team/user`, `terminal`. */
export function callerLabel(caller: Caller): string {
  if (caller.channel === 'web') return `web:${caller.behindToken ? 'token' : 'open'}`;
  const parts =
    caller.channel === 'slack' ? [caller.workspace, caller.channelId, caller.user] : caller.channel === 'teams' ? [caller.tenant, caller.team, caller.user] : [caller.user];
  const path = parts.map((p) => p ?? '-').join('/');
  return path.replace(/(\/-)+$/, '') === '-' ? caller.channel : `${caller.channel}:${path.replace(/(\/-)+$/, '')}`;
}

/**
 * One look-up for the event log. `outcome`: `allowed` (the service was asked), `refused` (policy), or the
 * error code of a failed look-up (`certstatus_ccm_timeout`, ...).
 */
export function lookupEvent(caller: Caller, certificate: string, outcome: string, at: number): OpsEvent {
  return { at, kind: 'certificate-lookup', channel: caller.channel, who: callerLabel(caller), certificate, outcome };
}
