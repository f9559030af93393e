// Taro's preset for the builds; plain presets for jest (which runs the app code in jsdom).
module.exports = (api) => {
  if (api.env('test')) {
    return {
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], ['@babel/preset-react', { runtime: 'automatic' }], '@babel/preset-typescript']
    }
  }
  // The mini-program is written down to ES2017 (Chrome 58 / iOS 11 engines): WeChat runs the package as shipped
  // (project.config.json es6: false), and the offline rules must run on old phones (scripts/check-weapp.ts checks).
  const weapp = process.env.TARO_ENV === 'weapp' ? { targets: { chrome: '58', ios: '11' }, ignoreBrowserslistConfig: true } : {}
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...weapp }]]
  }
}
