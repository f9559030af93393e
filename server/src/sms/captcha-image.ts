import { crc32, deflateSync } from 'node:zlib'

/**
 * A picture of a few digits (图形验证码) as a grayscale PNG: each digit drawn from strokes, turned, scaled and moved a
 * little at random, over faint noise lines. A PNG because both builds can show it (WeChat's <image> takes a base64
 * PNG; an SVG would also carry the digits as readable markup). `random` is injectable so tests can repeat a picture.
 */

// Each digit as strokes on a 10 × 16 grid (polylines).
const GLYPHS: Record<string, Array<Array<[number, number]>>> = {
  '0': [
    [
      [2, 1],
      [8, 1],
      [9, 3],
      [9, 13],
      [8, 15],
      [2, 15],
      [1, 13],
      [1, 3],
      [2, 1]
    ]
  ],
  '1': [
    [
      [3, 4],
      [6, 1],
      [6, 15]
    ],
    [
      [3, 15],
      [9, 15]
    ]
  ],
  '2': [
    [
      [1, 4],
      [3, 1],
      [7, 1],
      [9, 4],
      [9, 6],
      [1, 15],
      [9, 15]
    ]
  ],
  '3': [
    [
      [1, 2],
      [8, 1],
      [9, 4],
      [7, 7],
      [4, 8],
      [7, 9],
      [9, 12],
      [8, 15],
      [1, 14]
    ]
  ],
  '4': [
    [
      [7, 15],
      [7, 1],
      [1, 11],
      [9, 11]
    ]
  ],
  '5': [
    [
      [9, 1],
      [2, 1],
      [1, 7],
      [6, 7],
      [9, 9],
      [9, 13],
      [7, 15],
      [1, 14]
    ]
  ],
  '6': [
    [
      [8, 1],
      [3, 3],
      [1, 8],
      [1, 13],
      [3, 15],
      [7, 15],
      [9, 12],
      [8, 9],
      [5, 8],
      [1, 10]
    ]
  ],
  '7': [
    [
      [1, 1],
      [9, 1],
      [4, 15]
    ],
    [
      [3, 8],
      [8, 8]
    ]
  ],
  '8': [
    [
      [5, 8],
      [2, 6],
      [2, 3],
      [4, 1],
      [7, 1],
      [8, 3],
      [8, 6],
      [5, 8],
      [1, 11],
      [2, 14],
      [5, 15],
      [8, 14],
      [9, 11],
      [5, 8]
    ]
  ],
  '9': [
    [
      [9, 6],
      [7, 8],
      [3, 8],
      [1, 5],
      [2, 2],
      [5, 1],
      [8, 2],
      [9, 6],
      [8, 12],
      [3, 15]
    ]
  ]
}

export const CAPTCHA_WIDTH = 160
export const CAPTCHA_HEIGHT = 56

export function captchaPng(digits: string, random: () => number = Math.random): Buffer {
  const w = CAPTCHA_WIDTH
  const h = CAPTCHA_HEIGHT
  const pixels = new Uint8Array(w * h).fill(255)
  const plot = (x: number, y: number, radius: number, shade: number) => {
    for (let dy = -Math.ceil(radius); dy <= Math.ceil(radius); dy++) {
      for (let dx = -Math.ceil(radius); dx <= Math.ceil(radius); dx++) {
        if (dx * dx + dy * dy > radius * radius) continue
        const px = Math.round(x + dx)
        const py = Math.round(y + dy)
        if (px >= 0 && px < w && py >= 0 && py < h) pixels[py * w + px] = Math.min(pixels[py * w + px], shade)
      }
    }
  }
  const line = (x0: number, y0: number, x1: number, y1: number, radius: number, shade: number) => {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2))
    for (let i = 0; i <= steps; i++) plot(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, radius, shade)
  }
  // Faint lines first: noise a person reads through.
  for (let i = 0; i < 6; i++) line(random() * w, random() * h, random() * w, random() * h, 0.8, 170 + Math.floor(random() * 50))
  const cell = w / digits.length
  for (const [i, digit] of [...digits].entries()) {
    const glyph = GLYPHS[digit]
    if (!glyph) throw new Error(`no glyph for ${digit}`)
    const angle = (random() - 0.5) * 0.5
    const scale = 2.3 + random() * 0.5
    const cx = cell * i + cell / 2 + (random() - 0.5) * 6
    const cy = h / 2 + (random() - 0.5) * 6
    const at = ([gx, gy]: [number, number]): [number, number] => {
      const x = (gx - 5) * scale
      const y = (gy - 8) * scale
      return [cx + x * Math.cos(angle) - y * Math.sin(angle), cy + x * Math.sin(angle) + y * Math.cos(angle)]
    }
    for (const stroke of glyph) {
      for (let s = 1; s < stroke.length; s++) line(...at(stroke[s - 1]), ...at(stroke[s]), 1.9, 20)
    }
  }
  return png(w, h, pixels)
}

/** An 8-bit grayscale PNG of `pixels` (row-major). */
function png(width: number, height: number, pixels: Uint8Array): Buffer {
  const rows = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0 // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width, width).copy(rows, y * (width + 1) + 1)
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 0 // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0))
  ])
}
