// The API contract shared by the app (types only) and the server (types and schemas).
export * from './error'
export * from './check'
export * from './auth'
export * from './areas'
export * from './me'
export * from './admin'
export * from './privacy'
export * from './bulletins'
