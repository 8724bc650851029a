/**
 * Several names at once (a certificate covering example.com, www.example.com, shop.example.com): each
 * name diagnosed on its own, a few at a time so a long list does not flood the resolver, results in the
 * order given. The CLI's `check NAME...` and the chat cards for several names use this.
 */
import { asCodedError } from '../core/errors';
import { mapLimit } from '../core/map-limit';
import { diagnose } from '../dns/diagnose';
import type { DiagnoseOptions, Diagnosis } from '../dns/types';

/** Checks at once by default: enough for a certificate's names to take about as long as one. */
export const DEFAULT_CONCURRENCY = 5;

export interface NameDiagnosis {
  /** The name as given. */
  name: string;
  diagnosis?: Diagnosis;
  /** The check could not run for this name (a coded error's one line). */
  error?: { code: string; message: string };
}

export interface ManyOptions {
  /** At most this many checks in flight. */
  concurrency?: number;
  /** Options per name (the expected value of each, ...), merged over the shared ones. */
  perName?: (name: string, index: number) => Partial<DiagnoseOptions> | Promise<Partial<DiagnoseOptions>>;
  /** The single-name check (tests and the chat may pass their own). */
  diagnoseOne?: (name: string, options: Partial<DiagnoseOptions>) => Promise<Diagnosis>;
}

export async function diagnoseMany(names: readonly string[], shared: Partial<DiagnoseOptions> = {}, options: ManyOptions = {}): Promise<NameDiagnosis[]> {
  const one = options.diagnoseOne ?? diagnose;
  return mapLimit(names, options.concurrency ?? DEFAULT_CONCURRENCY, async (name, index): Promise<NameDiagnosis> => {
    try {
      const own = options.perName ? await options.perName(name, index) : {};
      return { name, diagnosis: await one(name, { ...shared, ...own }) };
    } catch (error) {
      const coded = asCodedError(error);
      return { name, error: { code: coded.code, message: coded.message } };
    }
  });
}
