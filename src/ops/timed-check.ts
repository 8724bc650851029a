/**
 * A CheckRunner that reports each check's duration and outcome to the metrics, for checks run outside
 * a conversation turn (watch re-checks); checks inside turns are reported by the conversation observer.
 */
import type { CheckRunner } from '../core/checks';
import type { Metrics } from './metrics';

/** Only the metric it reports to. */
type CheckMetric = Pick<Metrics, 'check'>;

export function timedCheckRunner(runCheck: CheckRunner, metrics: CheckMetric, channel: string): CheckRunner {
  return async (check, params) => {
    const started = Date.now();
    try {
      const outcome = await runCheck(check, params);
      metrics.check(channel, outcome?.outcome || 'error', Date.now() - started);
      return outcome;
    } catch (error) {
      metrics.check(channel, 'error', Date.now() - started);
      throw error;
    }
  };
}
