/**
 * The diagnosis, loaded on first use: importing this costs nothing, so a command line that only prints
 * help (or a check that fails on bad input) never loads the DNS code.
 */
import type * as Diagnose from './diagnose';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof Diagnose => require('./diagnose') as typeof Diagnose;

export const diagnose: typeof Diagnose.diagnose = (...args) => load().diagnose(...args);
export const systemResolvers: typeof Diagnose.systemResolvers = (...args) => load().systemResolvers(...args);
