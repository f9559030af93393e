import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router-dom'
import { Alert, Card, Empty, Flex, List, Typography } from 'antd'
import { RISK_TYPE_NAMES, type RiskType } from '../../../../types/warning-wording'
import { PageShell } from '../../components/PageShell'
import { searchPhone } from '../../services/search'
import { messageOf } from '../../services/http'
import { chinaTime, ENTRY_STATUS_NAMES } from '../../lib/labels'

const REPORT_STATUS_NAMES: Record<string, string> = { submitted: '待审核', reviewing: '审核中', confirmed: '已核实', rejected: '不予采纳' }

/** 查号码: what the county holds about one number, in the parts this role may see (the server decides), masked. */
export default function SearchPage() {
  const [params] = useSearchParams()
  const q = params.get('q') ?? ''
  const result = useQuery({ queryKey: ['search', q], queryFn: () => searchPhone(q), enabled: q.length >= 4 })
  const r = result.data
  return (
    <PageShell title="查号码">
      {q.length < 4 ? <Typography.Paragraph>在页面顶部的搜索框输入手机号或它的后4位。</Typography.Paragraph> : null}
      {result.error ? <Alert type="error" showIcon title={messageOf(result.error)} /> : null}
      {r ? (
        <Flex vertical gap={16}>
          <Typography.Paragraph
            type="secondary"
            style={{ margin: 0 }}
          >{`查询：${r.query}。号码一律只显示部分；按完整号码的查询会记入操作日志。`}</Typography.Paragraph>
          {r.warnings ? (
            <Card size="small" title={`预警（${r.warnings.length}）`}>
              {r.warnings.length === 0 ? (
                <Empty description="没有预警" />
              ) : (
                <List
                  dataSource={r.warnings}
                  renderItem={(w) => (
                    <List.Item>
                      <Link
                        to={`/warnings/${w.id}`}
                      >{`${w.phoneMasked} · ${RISK_TYPE_NAMES[w.riskType as RiskType] ?? w.riskType} · ${w.status === 'open' ? '处理中' : '已结束'} · ${w.townshipName ?? '乡镇未知'} · ${chinaTime(w.receivedAt)}`}</Link>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          ) : null}
          {r.residents ? (
            <Card size="small" title={`登记居民（${r.residents.length}）`}>
              {r.residents.length === 0 ? (
                <Empty description={r.query.startsWith('尾号') ? '按尾号不查居民，请输入完整手机号' : '没有登记'} />
              ) : (
                <List
                  dataSource={r.residents}
                  renderItem={(p) => (
                    <List.Item>{`${p.name} · ${p.phoneMasked} · ${p.townshipName ?? ''}${p.villageName ? ` ${p.villageName}` : ''}${p.registeredAt ? ` · ${chinaTime(p.registeredAt)} 登记` : ''}`}</List.Item>
                  )}
                />
              )}
            </Card>
          ) : null}
          {r.reports ? (
            <Card size="small" title={`群众举报（${r.reports.reduce((n, x) => n + x.count, 0)}）`}>
              {r.reports.length === 0 ? (
                <Empty description="没有举报" />
              ) : (
                <List
                  dataSource={r.reports}
                  renderItem={(x) => (
                    <List.Item>{`${x.value} · ${REPORT_STATUS_NAMES[x.status] ?? x.status} ${x.count} 条 · 最近 ${chinaTime(x.lastAt)}`}</List.Item>
                  )}
                />
              )}
            </Card>
          ) : null}
          {r.blocklist ? (
            <Card size="small" title={`黑名单（${r.blocklist.length}）`}>
              {r.blocklist.length === 0 ? (
                <Empty description="不在黑名单" />
              ) : (
                <List
                  dataSource={r.blocklist}
                  renderItem={(b) => (
                    <List.Item>{`${b.value} · ${b.category} · ${ENTRY_STATUS_NAMES[b.status as keyof typeof ENTRY_STATUS_NAMES] ?? b.status}`}</List.Item>
                  )}
                />
              )}
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </PageShell>
  )
}
