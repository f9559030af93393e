import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'

/** Every API route lives under this prefix. */
export const API_PREFIX = '/api/v1'

const META = Symbol.for('plugin-meta')

interface FeatureMeta {
  name: string
  dependencies?: string[]
}

/**
 * A feature folder's plugin. Not encapsulated (fastify-plugin), so what it decorates — its service — is visible to the
 * features that name it as a dependency; Fastify refuses to start when a dependency was not registered before it.
 */
export function feature(name: string, dependencies: readonly string[], register: (app: FastifyInstance) => Promise<void>): FastifyPluginAsync {
  return fp(register, { name, dependencies: ['core', ...dependencies], fastify: '5.x' })
}

/** A feature's route groups under /api/v1, each in its own encapsulated scope (its guard hook stays inside it). */
export async function apiRoutes(app: FastifyInstance, ...groups: FastifyPluginAsync[]): Promise<void> {
  for (const group of groups) await app.register(group, { prefix: API_PREFIX })
}

/**
 * The features in an order where each comes after the ones it declares (a depth-first topological sort), so the list
 * of features can be written in any order — adding one is one line. A dependency on nothing in the list (such as 'core')
 * is left for Fastify to check; a cycle is a programming error.
 */
export function inDependencyOrder(features: readonly FastifyPluginAsync[]): FastifyPluginAsync[] {
  const byName = new Map<string, FastifyPluginAsync>()
  for (const plugin of features) byName.set(metaOf(plugin).name, plugin)
  const ordered: FastifyPluginAsync[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (name: string, path: readonly string[]): void => {
    const seen = state.get(name)
    if (seen === 'done') return
    if (seen === 'visiting') throw new Error(`feature dependency cycle: ${[...path, name].join(' → ')}`)
    const plugin = byName.get(name)
    if (!plugin) return
    state.set(name, 'visiting')
    for (const dependency of metaOf(plugin).dependencies ?? []) visit(dependency, [...path, name])
    state.set(name, 'done')
    ordered.push(plugin)
  }
  for (const plugin of features) visit(metaOf(plugin).name, [])
  return ordered
}

function metaOf(plugin: FastifyPluginAsync): FeatureMeta {
  const meta = (plugin as unknown as Record<symbol, FeatureMeta | undefined>)[META]
  if (!meta?.name) throw new Error('a feature must be made with feature() (fastify-plugin with a name)')
  return meta
}
