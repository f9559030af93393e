"""Draws the tab bar icons (81x81 PNG, WeChat's size) with no image library: a magnifier for 查号码, a bell
for 预警, an open book for 学反诈 and a person for 我的, in the normal and the selected colour. Run once; the PNGs are committed."""
import math, struct, zlib, pathlib

SIZE = 81
OUT = pathlib.Path(__file__).resolve().parent.parent / 'src' / 'assets' / 'tab'

def png(pixels):
    raw = b''.join(b'\x00' + bytes(row) for row in pixels)
    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)) + \
        chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

def render(inside, rgb):
    rows = []
    for y in range(SIZE):
        row = []
        for x in range(SIZE):
            # 4x4 supersampling for smooth edges
            hits = sum(inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4) for i in range(4) for j in range(4))
            row += [*rgb, round(255 * hits / 16)]
        rows.append(row)
    return png(rows)

def magnifier(x, y):
    d = math.hypot(x - 34, y - 34)
    if 17 <= d <= 25:
        return True
    # handle: a thick segment from (52,52) to (70,70)
    t = max(0, min(1, ((x - 52) * 18 + (y - 52) * 18) / (2 * 18 * 18)))
    px, py = 52 + 18 * t, 52 + 18 * t
    return math.hypot(x - px, y - py) <= 6

def person(x, y):
    if math.hypot(x - 40.5, y - 26) <= 14:
        return True
    # shoulders: upper half of an ellipse
    return y >= 46 and y <= 74 and ((x - 40.5) / 27) ** 2 + ((y - 74) / 28) ** 2 <= 1

def bell(x, y):
    # dome: upper half of a circle, then straight flared sides down to the rim
    if y <= 40 and math.hypot(x - 40.5, y - 40) <= 22:
        return True
    if 40 <= y <= 60:
        half = 22 + (y - 40) * 0.35
        if abs(x - 40.5) <= half:
            return True
    if 60 <= y <= 65 and abs(x - 40.5) <= 33:
        return True
    # clapper and the knob on top
    return math.hypot(x - 40.5, y - 70) <= 7 or math.hypot(x - 40.5, y - 15) <= 5

def book(x, y):
    # two pages meeting at the spine, each a slanted parallelogram, with a gap down the middle
    if not (16 <= y <= 66):
        return False
    lift = (y - 16) * 0.0
    left = 8 <= x <= 38.5 and y >= 20 - (38.5 - x) * 0.12 + lift
    right = 42.5 <= x <= 73 and y >= 20 - (x - 42.5) * 0.12 + lift
    inside_left = 13 <= x <= 34 and 24 <= y <= 60 and (int(y) % 8 < 5)
    inside_right = 47 <= x <= 68 and 24 <= y <= 60 and (int(y) % 8 < 5)
    return (left and not inside_left) or (right and not inside_right)

OUT.mkdir(parents=True, exist_ok=True)
for name, shape in (('check', magnifier), ('bulletins', bell), ('learn', book), ('mine', person)):
    (OUT / f'{name}.png').write_bytes(render(shape, (0x61, 0x61, 0x61)))
    (OUT / f'{name}-active.png').write_bytes(render(shape, (0xB7, 0x1C, 0x1C)))
print('icons written to', OUT)
