// Flat config: typescript-eslint's recommended rules over src/, test/ and bench/, and the layers of src/
// (docs/architecture.md): imports point one way and never in a cycle.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const importX = require('eslint-plugin-import-x');

/**
 * What each folder of src/ may import from the others (besides itself and packages). Lower layers first;
 * a folder not listed here (channels, server, cli, index.ts) is on top and may import any of these.
 */
const LAYERS = {
  core: [],
  flow: ['core'],
  engine: ['core', 'flow'],
  dns: ['core'],
  store: ['core'],
  render: ['core'],
  checks: ['core', 'flow', 'engine', 'dns'],
  config: ['core', 'dns', 'store'],
  ops: ['core', 'flow', 'engine', 'dns', 'store', 'checks'],
  watch: ['core', 'flow', 'engine', 'dns', 'store', 'checks', 'config', 'ops'],
  conversation: ['core', 'flow', 'engine', 'dns', 'store', 'checks', 'config', 'ops', 'watch'],
  certs: ['core', 'flow', 'engine', 'dns', 'store', 'checks', 'config', 'ops'],
  // channels read certificates (cert:ID, the digest's cards) through certs, which knows no channel.
  channels: ['core', 'flow', 'engine', 'dns', 'store', 'render', 'checks', 'config', 'ops', 'watch', 'conversation', 'certs'],
  server: ['core', 'flow', 'engine', 'dns', 'store', 'render', 'checks', 'config', 'ops', 'watch', 'conversation', 'certs', 'channels'],
  cli: ['core', 'flow', 'engine', 'dns', 'store', 'render', 'checks', 'config', 'ops', 'watch', 'conversation', 'certs', 'channels', 'server'],
};

/** Inside channels/: the kit knows no platform, and no platform knows another. */
const CHANNELS = { kit: [], slack: ['kit'], teams: ['kit'], terminal: ['kit'], web: ['kit'] };

function zones() {
  const layer = Object.entries(LAYERS).map(([folder, allowed]) => ({
    target: `./src/${folder}`,
    from: './src',
    except: [`./${folder}`, ...allowed.map((a) => `./${a}`)],
    message: `src/${folder} may import only ${allowed.length ? allowed.join(', ') : 'packages'} (docs/architecture.md).`,
  }));
  const channel = Object.entries(CHANNELS).map(([folder, allowed]) => ({
    target: `./src/channels/${folder}`,
    from: './src/channels',
    except: [`./${folder}`, ...allowed.map((a) => `./${a}`)],
    message: `src/channels/${folder} may import only ${allowed.length ? allowed.map((a) => `channels/${a}`).join(', ') : 'no other channel folder'} (docs/architecture.md).`,
  }));
  return [...layer, ...channel];
}

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      // Type-only imports are not followed by no-cycle (they vanish at run time); the zones cover them.
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: __dirname, zones: zones() }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web page's own scripts run in the browser, not in Node.
    files: ['web/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
);
module.exports.LAYERS = LAYERS;
