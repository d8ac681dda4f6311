"""Make the Bundesländer map's geometry small: read the SVG of @svg-maps/germany, simplify.

Run once when the source changes, never during a build (the result is committed):

    python -m praxis.map_geometry germany.svg > content/karte/bundeslaender.json

Source: @svg-maps/germany 2.0.0 (npm), based on MapSVG (https://mapsvg.com/maps/germany),
Creative Commons Attribution 4.0 International. Changed here: outlines simplified
(Douglas-Peucker, tolerance 0.9 units of the 586 × 793 drawing), tiny islands dropped, coordinates
rounded to whole units, ids mapped to the portal's Bundesland ids.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

SOURCE = {
    "name": "@svg-maps/germany 2.0.0, nach MapSVG (https://mapsvg.com/maps/germany)",
    "licence": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.de",
    "changes": "vereinfacht (Douglas-Peucker), kleine Inseln entfernt, Koordinaten gerundet",
}
IDS = {
    "bw": "baden-wuerttemberg",
    "by": "bayern",
    "be": "berlin",
    "bb": "brandenburg",
    "hb": "bremen",
    "hh": "hamburg",
    "he": "hessen",
    "ni": "niedersachsen",
    "mv": "mecklenburg-vorpommern",
    "nw": "nordrhein-westfalen",
    "rp": "rheinland-pfalz",
    "sl": "saarland",
    "sn": "sachsen",
    "st": "sachsen-anhalt",
    "sh": "schleswig-holstein",
    "th": "thueringen",
}
TOLERANCE = 0.9
MIN_AREA = 12.0  # square units; smaller rings (islets) are left out

Point = tuple[float, float]


def rings(d: str) -> list[list[Point]]:
    """The closed rings of a path made of relative `m` moves, implicit line-tos and `z`."""
    tokens = re.findall(r"[mz]|-?\d+(?:\.\d+)?", d)
    found: list[list[Point]] = []
    x = y = 0.0
    start: Point = (0.0, 0.0)
    ring: list[Point] = []
    expect_move = False
    numbers: list[float] = []
    for token in tokens:
        if token == "m":
            expect_move = True
            continue
        if token == "z":
            if ring:
                found.append(ring)
            ring = []
            x, y = start
            continue
        numbers.append(float(token))
        if len(numbers) < 2:
            continue
        dx, dy = numbers
        numbers = []
        x, y = x + dx, y + dy
        if expect_move:
            if ring:
                found.append(ring)
            ring = [(x, y)]
            start = (x, y)
            expect_move = False
        else:
            ring.append((x, y))
    if ring:
        found.append(ring)
    return found


def _distance(p: Point, a: Point, b: Point) -> float:
    if a == b:
        return math.dist(p, a)
    (px, py), (ax, ay), (bx, by) = p, a, b
    return abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / math.dist(a, b)


def simplify(points: list[Point], tolerance: float = TOLERANCE) -> list[Point]:
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, furthest = 0, 0.0
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > furthest:
                index, furthest = i, distance
        if furthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list[Point]) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def path(rings_: list[list[Point]]) -> str:
    """A compact path: absolute whole-number move, then relative whole-number steps."""
    parts = []
    for ring in rings_:
        points = [(round(x), round(y)) for x, y in ring]
        steps = [f"M{points[0][0]} {points[0][1]}"]
        previous = points[0]
        for point in points[1:]:
            dx, dy = point[0] - previous[0], point[1] - previous[1]
            if dx or dy:
                steps.append(f"{dx} {dy}".replace(" -", "-"))
                previous = point
        parts.append(steps[0] + "l" + " ".join(steps[1:]) + "z")
    return "".join(parts)


def geometry(svg: str) -> dict[str, object]:
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    states = {}
    for source_id, d in re.findall(r'id="(\w+)"[^>]*?\sd="([^"]+)"', svg, re.S):
        kept = [simplify(r) for r in rings(d) if area(r) >= MIN_AREA]
        states[IDS[source_id]] = path([r for r in kept if len(r) >= 3])
    return {"source": SOURCE, "viewBox": view_box.group(1) if view_box else "", "states": states}


def main() -> None:
    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    json.dump(geometry(text), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
