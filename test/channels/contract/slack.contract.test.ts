import { runChannelContract } from './contract';
import { makeSlackDriver } from './slack.driver';

runChannelContract('Slack', makeSlackDriver);
