"""Draw the app icons (PWA and home screen) once with Pillow: `python scripts/make_icons.py`.

The PNGs are committed; this script is kept so they can be redrawn. The mark: a winding path (the
road back, and the nerve it follows) rising to a bright point, on the dashboard's blue.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "src" / "strideback" / "web" / "static" / "strideback" / "icons"
BLUE = (31, 95, 139, 255)
WHITE = (255, 255, 255, 255)
GREEN = (106, 213, 138, 255)
SCALE = 4  # draw large, then shrink: smooth edges


def _mark(size: int, padding: float, rounded: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.22, fill=BLUE)
    else:
        draw.rectangle((0, 0, big, big), fill=BLUE)
    inner = big * (1 - 2 * padding)

    def at(x: float, y: float) -> tuple[float, float]:
        return big * padding + x * inner, big * padding + y * inner

    path = [
        at(x, y)
        for x, y in ((0.12, 0.92), (0.42, 0.78), (0.22, 0.55), (0.55, 0.42), (0.4, 0.22), (0.7, 0.12))
    ]
    draw.line(path, fill=WHITE, width=int(inner * 0.11), joint="curve")
    for point in (path[0], path[-1]):
        r = inner * 0.055
        draw.ellipse((point[0] - r, point[1] - r, point[0] + r, point[1] + r), fill=WHITE)
    cx, cy = at(0.82, 0.2)
    r = inner * 0.12
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GREEN)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        _mark(size, 0.14, rounded=True).save(ICONS / f"icon-{size}.png", optimize=True)
    _mark(512, 0.24, rounded=False).save(ICONS / "maskable-512.png", optimize=True)  # safe zone: inner 80%
    _mark(180, 0.14, rounded=False).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
