import { Alert, Button, Descriptions, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import type { ImportSummary } from '../../../../types/lists'
import { download, toCsv } from '../../lib/csv'
import { DataTable } from '../../components/DataTable'

type Rejection = ImportSummary['rejections'][number]

/** The rejected lines as a CSV the clerk can fix and re-import from: line number, reason, and the line as sent. */
export function rejectedLinesCsv(summary: ImportSummary, fileText: string | null): string {
  const lines = fileText?.replace(/^\uFEFF/, '').split(/\r?\n/) ?? null
  return toCsv(
    ['行号', '原因', '原文'],
    summary.rejections.map((r) => [r.line, r.reason, lines?.[r.line - 1] ?? ''])
  )
}

/** What an import did: counts, then every rejected line with its reason (the API sends the first 1,000). */
export function ImportResult({ summary, fileName, fileText }: { summary: ImportSummary; fileName: string; fileText: string | null }) {
  return (
    <section aria-label="导入结果" data-testid="import-result">
      <Alert
        type={summary.rejected > 0 ? 'warning' : 'success'}
        showIcon
        role="status"
        title={summary.rejected > 0 ? `导入完成，有 ${summary.rejected} 行未导入` : '导入完成，全部导入'}
        style={{ marginBottom: 12 }}
      />
      {summary.encoding === 'gb18030' ? (
        <Typography.Paragraph type="secondary">文件是 GBK 编码（Excel 默认的“CSV”），已按 GBK 读取。</Typography.Paragraph>
      ) : null}
      {summary.encoding === 'xlsx' ? <Typography.Paragraph type="secondary">读取了 Excel 文件的第一个工作表；行号即表格里的行号。</Typography.Paragraph> : null}
      <Descriptions
        size="small"
        column={{ xs: 2, sm: 4 }}
        items={[
          { key: 'added', label: '新增', children: <span data-testid="import-added">{summary.added}</span> },
          { key: 'updated', label: '更新', children: <span data-testid="import-updated">{summary.updated}</span> },
          { key: 'unchanged', label: '未变', children: <span data-testid="import-unchanged">{summary.unchanged}</span> },
          { key: 'rejected', label: '拒绝', children: <span data-testid="import-rejected">{summary.rejected}</span> }
        ]}
      />
      {summary.rejections.length > 0 ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            未导入的行
          </Typography.Title>
          <DataTable<Rejection>
            rowKey="line"
            size="small"
            dataSource={summary.rejections}
            pagination={summary.rejections.length > 20 ? { pageSize: 20 } : false}
            columns={[
              { title: '行号', dataIndex: 'line', width: 80 },
              { title: '原因', dataIndex: 'reason' }
            ]}
          />
          {summary.rejected > summary.rejections.length ? (
            <Typography.Paragraph type="secondary">{`只列出前 ${summary.rejections.length} 行。`}</Typography.Paragraph>
          ) : null}
          <Button
            icon={<DownloadOutlined aria-hidden />}
            style={{ marginTop: 8 }}
            onClick={() => download(`未导入的行-${fileName.replace(/\.[^.]+$/, '')}.csv`, rejectedLinesCsv(summary, fileText))}
          >
            下载未导入的行
          </Button>
        </>
      ) : null}
    </section>
  )
}
