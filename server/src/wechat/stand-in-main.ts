import { configuredTemplateIds, loadConfig } from '../config.ts'
import { buildWeChatStandIn } from './stand-in.ts'

/**
 * The WeChat stand-in as its own process (benchmarks and crash tests, where it must outlive the workers):
 * prints `stand-in listening on <url>` once ready. Port from STANDIN_PORT (0 = any free one).
 */
const config = loadConfig()
const app = buildWeChatStandIn({ appId: config.wechat.appId, appSecret: config.wechat.appSecret, templateIds: configuredTemplateIds(config.wechat.templates) })
const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.STANDIN_PORT ?? 0) })
process.stdout.write(`stand-in listening on ${url}\n`)
const stop = () => void app.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
