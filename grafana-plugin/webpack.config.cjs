// Builds the app and its nested plugins the way Grafana loads them: one AMD `module.js` per
// `src/**/plugin.json`, with the modules Grafana shares with plugins left as externals.
const path = require('node:path');
const fs = require('node:fs');
const CopyPlugin = require('copy-webpack-plugin');
const { version } = require('./package.json');
const { id: pluginId } = require('./src/plugin.json');

const src = path.resolve(__dirname, 'src');

/** `module` for the app, `datasource/module`, `panels/gate/module`, ... for nested plugins. */
function entries() {
  const found = {};
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name === 'plugin.json') {
        const module = ['module.tsx', 'module.ts'].map((name) => path.join(dir, name)).find((file) => fs.existsSync(file));
        if (!module) throw new Error(`${path.relative(src, dir)}/plugin.json has no module.ts(x) beside it`);
        found[path.join(path.relative(src, dir), 'module')] = module;
      }
    }
  };
  visit(src);
  return found;
}

/** What Grafana provides to plugins at run time (SystemJS modules of the host). */
const externals = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'react-router-dom',
  'rxjs',
  'lodash',
  '@emotion/css',
  /^@grafana\/(ui|runtime|data)$/,
];

module.exports = (_env, argv) => ({
  mode: argv.mode ?? 'production',
  context: __dirname,
  entry: entries(),
  devtool: 'source-map',
  target: 'web',
  externals,
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    chunkFilename: '[name].[contenthash:8].js',
    library: { type: 'amd' },
    // Lazy page chunks load from where Grafana serves plugin files.
    publicPath: `public/plugins/${pluginId}/`,
    uniqueName: pluginId,
    clean: true,
  },
  resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              target: 'es2020',
              transform: { react: { runtime: 'automatic' } },
            },
          },
        },
      },
    ],
  },
  plugins: [
    new CopyPlugin({
      patterns: [
        { from: 'README.md', to: '.' },
        { from: 'CHANGELOG.md', to: '.' },
        { from: 'LICENSE', to: '.' },
        { from: '**/img/**/*', context: 'src', to: '.' },
        {
          from: '**/plugin.json',
          context: 'src',
          to: '[path][name][ext]',
          transform: (content) =>
            content.toString().replaceAll('%VERSION%', version).replaceAll('%TODAY%', new Date().toISOString().slice(0, 10)),
        },
      ],
    }),
  ],
  performance: { hints: false },
});
