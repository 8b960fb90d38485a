#!/usr/bin/env python3
"""png_compare.py A.png B.png - two screenshots of the same screen from two
builds (Linux, Windows under wine) have the same layout: same size, the same
rows carry ink (within 2 pixels: the same lines of text at the same heights),
each band of text rows starts at the same column (within 6 pixels: the same
indentation and alignment), and under 1% of the pixels differ (anti-aliasing
may differ slightly between the two builds of FreeType and HarfBuzz).  Exit 0
and a one-line summary if so.  Only the standard library: a small PNG reader for 8-bit
RGB/RGBA."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, w, h, bpp = 8, b"", 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise SystemExit(f"{path}: unsupported PNG (depth {depth}, type {ctype})")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, p = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    # grey levels
    grey = [[sum(r[x * bpp:x * bpp + 3]) // 3 for x in range(w)] for r in rows]
    return w, h, grey


def ink(grey, w, h):
    """rows and columns whose pixels differ from the background (the corner)."""
    bg = grey[0][0]
    rows = [any(abs(v - bg) > 40 for v in grey[y]) for y in range(h)]
    cols = [any(abs(grey[y][x] - bg) > 40 for y in range(h)) for x in range(w)]
    return rows, cols


def left_edges(grey, w, h):
    """the first ink column of each row (None for rows without ink)."""
    bg = grey[0][0]
    out = []
    for y in range(h):
        out.append(next((x for x in range(w) if abs(grey[y][x] - bg) > 40), None))
    return out


def bands(rows, lefts):
    """the leftmost ink column of each run of consecutive ink rows."""
    out, cur = [], None
    for r, x in zip(rows, lefts):
        if r:
            cur = x if cur is None else min(cur, x)
        elif cur is not None:
            out.append(cur)
            cur = None
    if cur is not None:
        out.append(cur)
    return out


def near(a, b, slack=2):
    """every True in a has a True in b within slack, and back."""
    n = len(a)
    def covered(p, q):
        return all(not p[i] or any(q[j] for j in range(max(0, i - slack), min(n, i + slack + 1)))
                   for i in range(n))
    return covered(a, b) and covered(b, a)


def main():
    wa, ha, a = read_png(sys.argv[1])
    wb, hb, b = read_png(sys.argv[2])
    if (wa, ha) != (wb, hb):
        print(f"sizes differ: {wa}x{ha} vs {wb}x{hb}")
        return 1
    diff = sum(1 for y in range(ha) for x in range(wa) if abs(a[y][x] - b[y][x]) > 64)
    frac = diff / (wa * ha)
    ra, _ = ink(a, wa, ha)
    rb, _ = ink(b, wb, hb)
    rows = near(ra, rb)
    # bands of consecutive ink rows (lines of text, rules): each starts at
    # the same column (within 6 pixels: a speaker's name column follows the
    # names' widths)
    ba, bb = bands(ra, left_edges(a, wa, ha)), bands(rb, left_edges(b, wb, hb))
    edges = len(ba) == len(bb) and all(abs(x - y) <= 6 for x, y in zip(ba, bb))
    print(f"{frac * 100:.2f}% of pixels differ; text rows {'match' if rows else 'DIFFER'}; "
          f"{len(ba)}/{len(bb)} text bands, their left edges {'match' if edges else 'DIFFER'}")
    return 0 if rows and edges and frac < 0.01 else 1


sys.exit(main())
