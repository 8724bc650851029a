/**
 * `/certstatus ...`. Slack wants an answer within 3 seconds and a DNS check can take longer, so the
 * command is acknowledged at once with a short ephemeral "checking" and the diagnosis follows through the
 * command's response_url, replacing the note (both ephemeral unless the user asked for `public`).
 */
import type { App } from '@slack/bolt';
import { asCodedError } from '../../../core/errors';
import { parseIntent, USAGE } from '../intent';
import { checkingText, diagnosisMessage, startInDirectMessage, type SlackDeps } from './context';

export const COMMAND = '/certstatus';

export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const intent = parseIntent(command.text ?? '', { conversationActive: false, allowText: false });
    switch (intent.kind) {
      case 'help':
        await ack({ response_type: 'ephemeral', text: USAGE });
        return;
      case 'invalid':
        // Only the user who typed it sees the mistake.
        await ack({ response_type: 'ephemeral', text: intent.message });
        return;
      case 'start': {
        await ack({ response_type: 'ephemeral', text: 'Starting the step-by-step troubleshooting in a direct message with me…' });
        const channel = await startInDirectMessage(deps, client, command.team_id, command.user_id);
        if (channel) await respond({ response_type: 'ephemeral', replace_original: true, text: `I've started the troubleshooting in <#${channel}>: answer there.` });
        return;
      }
      case 'diagnose': {
        // With `public` the "checking" note is already in the channel, so the result replaces it there
        // instead of leaving a stray ephemeral note behind; otherwise only the user sees either.
        const responseType = intent.public ? 'in_channel' : 'ephemeral';
        await ack({ response_type: responseType, text: checkingText(intent.domain) });
        deps.logger.info({ command: COMMAND, public: intent.public }, 'slash command acknowledged; diagnosing');
        try {
          const message = await diagnosisMessage(deps, intent);
          await respond({ response_type: responseType, replace_original: true, ...message });
        } catch (error) {
          await respond({ response_type: 'ephemeral', text: `:x: The check could not run: ${asCodedError(error).message}` });
          throw error;
        }
        return;
      }
      case 'text':
        await ack({ response_type: 'ephemeral', text: USAGE });
        return;
    }
  });
}
