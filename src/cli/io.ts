/** What every subcommand is given and returns: its streams and environment, and the exit statuses. */

/** Exit statuses shared by every subcommand (listed in main's --help). */
export const EXIT = { ok: 0, found: 1, usage: 2, unchecked: 3 } as const;

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}
