// Two projects in one run: the app (React components in jsdom with Taro's H5 component build and a mocked
// @tarojs/taro API) and the console (antd components in jsdom).
const esmPackages = [
  '\\.pnpm',
  '@tarojs',
  '@stencil',
  'tslib',
  'swiper',
  'ssr-window',
  'dom7',
  'classnames',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'lodash-es',
  'axios',
  'zustand'
]

const app = {
  displayName: 'app',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
  // The H5 build's file of a pair (src/platform/foo.h5.ts over foo.ts), as Taro's multi-platform resolution picks it.
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/tests/mocks/taro.ts',
    '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
    '\\.(css|scss)$': '<rootDir>/tests/mocks/style.ts'
  },
  transform: { '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': 'babel-jest' },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  globals: {
    API_BASE_URL: '/api/v1',
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    SUPPORT_DINGTALK_NAVIGATE: 'disabled',
    SUPPORT_TARO_POLYFILL: 'disabled',
    DEPRECATED_ADAPTER_COMPONENT: false
  }
}

const consoleProject = {
  displayName: 'console',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/admin/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFiles: ['<rootDir>/admin/test/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/admin/test/setup.ts'],
  moduleNameMapper: {
    // @ant-design/icons' CommonJS build requires an ESM file of @ant-design/colors (see shared notes/console.md).
    '^@ant-design/colors/es/(.*)$': '@ant-design/colors/lib/$1',
    '\\.css$': '<rootDir>/tests/mocks/style.ts'
  },
  transform: { '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': 'babel-jest' },
  transformIgnorePatterns: [`/node_modules/(?!(${[...esmPackages, '@tanstack', 'react-router', 'echarts', 'zrender'].join('|')})/)`]
}

module.exports = { projects: [app, consoleProject] }
