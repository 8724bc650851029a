import { CAPABILITIES, runChannelContract } from './contract';
import { makeTeamsDriver } from './teams.driver';

runChannelContract('Teams', makeTeamsDriver, CAPABILITIES.teams);
