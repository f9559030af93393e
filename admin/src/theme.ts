import type { ThemeConfig } from 'antd'

// antd's default blue (#1677ff), red (#ff4d4f) and placeholder grey fail WCAG AA contrast on white (axe-core:
// serious). Darker tokens keep every text and button label at 4.5:1 or more.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b57d0',
    // antd derives lighter hover shades, which fall under 4.5:1 behind white text: hover darker instead.
    colorPrimaryHover: '#0842a0',
    colorPrimaryActive: '#06357f',
    colorErrorHover: '#8c1d18',
    colorErrorActive: '#6e1410',
    colorLinkHover: '#0842a0',
    colorError: '#b3261e',
    colorWarning: '#8a5300',
    // Derived from the dark warning text colour, the banner's fill came out a muddy grey that read as disabled.
    colorWarningBg: '#fff4e5',
    colorWarningBorder: '#f0b45c',
    colorSuccess: '#1e6b2e',
    colorLink: '#0b57d0',
    colorTextPlaceholder: '#6b6b6b',
    colorTextDescription: '#595959',
    colorTextTertiary: '#595959',
    colorTextQuaternary: '#6b6b6b',
    fontSize: 15,
    borderRadius: 6
  }
}
