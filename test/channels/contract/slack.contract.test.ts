import { CAPABILITIES, runChannelContract } from './contract';
import { makeSlackDriver } from './slack.driver';

runChannelContract('Slack', makeSlackDriver, CAPABILITIES.slack);
