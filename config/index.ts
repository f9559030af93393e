import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import path from 'node:path'
import devConfig from './dev'
import prodConfig from './prod'

// Where the app finds the API. H5 is served by the API server itself, so a relative path works; the
// mini-program needs the public https origin registered in the WeChat console (TARO_APP_API_BASE).
function apiBaseUrl(): string {
  if (process.env.TARO_APP_API_BASE) return process.env.TARO_APP_API_BASE
  return process.env.TARO_ENV === 'h5' ? '/api/v1' : 'https://qiandai.example.gov.cn/api/v1'
}

// types/ (the contract) and rules/ (the checks' rules, run offline) are shared with the server: compiled like src/,
// so the mini-program gets them at the app's own language level (ES2017 and checked: scripts/check-weapp.ts).
const compile = { include: [path.join(process.cwd(), 'types'), path.join(process.cwd(), 'rules')] }

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'qiandai',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per platform so the weapp and H5 builds can sit side by side.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // Role and name attributes in the mini-program's templates (see the plugin).
    plugins: [path.join(process.cwd(), 'config', 'plugins', 'weapp-aria.js')],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl())
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      // Modules used only by subpackages stay out of the main package.
      optimizeMainPackage: { enable: true },
      // Every component's styles are BEM-scoped to its own block, so their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        // Sizes are written in rem so they follow the system font size (elder-friendly); no px conversion.
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      router: { mode: 'hash' },
      postcss: {
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    }
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
