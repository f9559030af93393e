import type { ReactNode } from 'react'
import {
  AlertOutlined,
  EnvironmentOutlined,
  ClusterOutlined,
  AuditOutlined,
  BarChartOutlined,
  FileDoneOutlined,
  BookOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  HomeOutlined,
  MessageOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  PhoneOutlined,
  StopOutlined,
  TeamOutlined
} from '@ant-design/icons'
import type { Capability } from './access'
import { loadablePage, type LoadablePage } from './lib/page-loader'

export interface ConsoleRoute {
  path: string
  /** Menu and page title; routes without one stay out of the menu (editors opened from a list). */
  name?: string
  icon?: ReactNode
  access: Capability
  /** Loaded on demand; the menu fetches it before leaving the current page. */
  page: LoadablePage
}

const BULLETIN_EDITOR = loadablePage(() => import('./pages/bulletins/editor'))

// One table: the router, the side menu and the access guard are all drawn from it. Every page is its own chunk,
// so the first screen loads only what it shows (charts come with the dashboard alone).
export const ROUTES: ConsoleRoute[] = [
  {
    path: '/dashboard',
    name: '工作台',
    icon: <DashboardOutlined aria-hidden />,
    access: 'canViewDashboard',
    page: loadablePage(() => import('./pages/dashboard'))
  },
  { path: '/warnings', name: '预警劝阻', icon: <AlertOutlined aria-hidden />, access: 'canSeeWarnings', page: loadablePage(() => import('./pages/warnings')) },
  { path: '/warnings/:id', access: 'canSeeWarnings', page: loadablePage(() => import('./pages/warnings/detail')) },
  { path: '/calls', name: '电话预警', icon: <PhoneOutlined aria-hidden />, access: 'canCall', page: loadablePage(() => import('./pages/calls')) },
  { path: '/visits', name: '上门劝阻', icon: <HomeOutlined aria-hidden />, access: 'canVisit', page: loadablePage(() => import('./pages/visits')) },
  { path: '/figures', name: '无诈统计', icon: <BarChartOutlined aria-hidden />, access: 'canSeeWarnings', page: loadablePage(() => import('./pages/figures')) },
  { path: '/cases', name: '案件登记', icon: <FileDoneOutlined aria-hidden />, access: 'canSeeWarnings', page: loadablePage(() => import('./pages/cases')) },
  { path: '/grid-workers', name: '网格员', icon: <ClusterOutlined aria-hidden />, access: 'canSeeWarnings', page: loadablePage(() => import('./pages/grid')) },
  {
    path: '/bulletins',
    name: '发布预警信息',
    icon: <NotificationOutlined aria-hidden />,
    access: 'canPublish',
    page: loadablePage(() => import('./pages/bulletins'))
  },
  { path: '/bulletins/new', access: 'canPublish', page: BULLETIN_EDITOR },
  { path: '/bulletins/:id', access: 'canPublish', page: BULLETIN_EDITOR },
  { path: '/content', name: '学反诈内容', icon: <BookOutlined aria-hidden />, access: 'canEditContent', page: loadablePage(() => import('./pages/content')) },
  { path: '/review', name: '线索审核', icon: <AuditOutlined aria-hidden />, access: 'canReview', page: loadablePage(() => import('./pages/review')) },
  { path: '/blocklist', name: '黑名单', icon: <StopOutlined aria-hidden />, access: 'canReview', page: loadablePage(() => import('./pages/blocklist')) },
  {
    path: '/senders',
    name: '官方发送方',
    icon: <SafetyCertificateOutlined aria-hidden />,
    access: 'canReview',
    page: loadablePage(() => import('./pages/senders'))
  },
  { path: '/appeals', name: '申诉', icon: <MessageOutlined aria-hidden />, access: 'canReview', page: loadablePage(() => import('./pages/appeals')) },
  { path: '/accounts', name: '账号', icon: <TeamOutlined aria-hidden />, access: 'canManageAccounts', page: loadablePage(() => import('./pages/accounts')) },
  {
    path: '/areas',
    name: '乡镇村与人口',
    icon: <EnvironmentOutlined aria-hidden />,
    access: 'canManageAreas',
    page: loadablePage(() => import('./pages/areas'))
  },
  { path: '/search', access: 'canViewDashboard', page: loadablePage(() => import('./pages/search')) },
  { path: '/audit', name: '操作日志', icon: <FileSearchOutlined aria-hidden />, access: 'canReadAudit', page: loadablePage(() => import('./pages/audit')) }
]

/** The routes a staff member may open, by capability. */
export const routesFor = (can: (c: Capability) => boolean) => ROUTES.filter((r) => can(r.access))
