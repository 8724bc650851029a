/** Every flow shipped in flows/ loads without errors or warnings (the same check `.ci/run` makes via `flows lint`). */
import { formatProblem } from '../../src/flow/problems';
import { lintFlowFile } from '../../src/flow/load';
import { flowFiles } from '../../src/flow/registry';
import { defaultFlowsDir } from '../../src/flow/schema';

describe('shipped flows', () => {
  const files = flowFiles(defaultFlowsDir());

  it('there is at least one', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s lints clean', (file) => {
    expect(lintFlowFile(file).problems.map(formatProblem)).toEqual([]);
  });
});
