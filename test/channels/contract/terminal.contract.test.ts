import { CAPABILITIES, runChannelContract } from './contract';
import { makeTerminalDriver } from './terminal.driver';

runChannelContract('terminal', makeTerminalDriver, CAPABILITIES.terminal);
