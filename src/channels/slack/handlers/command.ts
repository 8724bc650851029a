/**
 * `/certstatus ...`. Slack wants an answer within 3 seconds and a DNS check can take longer, so the
 * command is acknowledged at once with a short ephemeral "checking" and the diagnosis follows through the
 * command's response_url, replacing the note (both ephemeral unless the user asked for `public`).
 */
import type { App } from '@slack/bolt';
import { asCodedError } from '../../../core/errors';
import { parseCommand } from '../../kit/grammar';
import { checkingText } from '../../kit/kit';
import type { SlackKit } from './events';
import { respondWithFallback } from '../respond';

export const COMMAND = '/certstatus';

export function registerCommand(app: App, kit: SlackKit): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    // Every word of a slash command is for the bot: what is not a command word is read as a domain.
    const parsed = parseCommand(command.text ?? '', { conversationActive: false, freeText: false });
    switch (parsed.kind) {
      case 'help':
      case 'text':
        await ack({ response_type: 'ephemeral', text: kit.usage });
        return;
      case 'invalid':
        // Only the user who typed it sees the mistake.
        await ack({ response_type: 'ephemeral', text: parsed.message });
        return;
      case 'poke':
      case 'start': {
        await ack({ response_type: 'ephemeral', text: 'Starting the step-by-step troubleshooting in a direct message with me…' });
        const dm = await kit.startInDirectMessage({ teamId: command.team_id, channel: command.channel_id }, { id: command.user_id });
        if (dm) await respond({ response_type: 'ephemeral', replace_original: true, text: `I've started the troubleshooting in <#${dm.channel}>: answer there.` });
        return;
      }
      case 'diagnose':
      case 'diagnose-many':
      case 'certificate': {
        // With `public` the "checking" note is already in the channel, so the result replaces it there
        // instead of leaving a stray ephemeral note behind; otherwise only the user sees either.
        const responseType = parsed.public ? 'in_channel' : 'ephemeral';
        const what = parsed.kind === 'diagnose' ? parsed.domain : parsed.kind === 'certificate' ? parsed.id : `${parsed.domains.length} names`;
        await ack({ response_type: responseType, text: `:mag: ${parsed.kind === 'diagnose' ? kit.checkingNote(parsed) : checkingText(what)}` });
        kit.logger.info({ command: COMMAND, public: parsed.public, kind: parsed.kind }, 'slash command acknowledged; diagnosing');
        const caller = { channel: 'slack' as const, workspace: command.team_id, channelId: command.channel_id, user: command.user_id };
        try {
          const { replies, target } =
            parsed.kind === 'diagnose'
              ? await kit.diagnose(parsed, caller)
              : parsed.kind === 'certificate'
                ? await kit.checkCertificate(parsed.id, parsed.public, caller)
                : await kit.diagnoseMany(parsed.domains, parsed.public, caller);
          await respondWithFallback(kit, respond, replies, target, { response_type: responseType, replace_original: true });
        } catch (error) {
          await respond({ response_type: 'ephemeral', text: `:x: The check could not run: ${asCodedError(error).message}` });
          throw error;
        }
      }
    }
  });
}
