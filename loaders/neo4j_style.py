"""A Neo4j Browser style sheet (GraSS) for the news graph: `:style` in Browser, or drag the file in."""
from __future__ import annotations

from newsgraph.graph import ALL_RELATIONS, ARTICLE, ENTITY, LABELS

# Browser's own palette, one colour per ontology label: (fill, border, text).
COLOURS: dict[str, tuple[str, str, str]] = {
    "Person": ("#4C8EDA", "#2870C2", "#FFFFFF"),
    "Organization": ("#F79767", "#F36924", "#FFFFFF"),
    "Place": ("#57C7E3", "#23B3D7", "#2A2C34"),
    "Policy": ("#F16667", "#EB2728", "#FFFFFF"),
    "Group": ("#8DCC93", "#5DB665", "#2A2C34"),
}
# Provenance stays visible but quiet, so the domain graph reads first.
ARTICLE_COLOURS = ("#D9C8AE", "#C0A378", "#2A2C34")
# Stance relationships get their sign's colour; the rest stay grey. Every ontology type is listed
# (a test checks it), so a new type cannot fall back to grey unnoticed.
_GREY = "#A5ABB6"
REL_COLOURS: dict[str, str] = {
    "SUPPORTS": "#5DB665", "APPROVES": "#5DB665", "FUNDS": "#4C8EDA",
    "OPPOSES": "#EB2728", "CRITICIZES": "#F36924", "ACCUSES": "#F36924", "THREATENS": "#C0392B",
    "PROPOSES": _GREY, "TARGETS": _GREY, "INVESTIGATES": _GREY, "AFFILIATED_WITH": _GREY, "RELATED_TO": _GREY,
}


def _block(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {k}: {v};\n" for k, v in props.items())
    return f"{selector} {{\n{body}}}\n"


def browser_style() -> str:
    """GraSS: a colour per ontology label, caption {name}, relationship caption = its type."""
    parts = [
        _block("node", {"diameter": "50px", "color": "#A5ABB6", "border-color": "#9AA1AC",
                        "border-width": "2px", "text-color-internal": "#FFFFFF", "font-size": "10px",
                        "caption": "'{name}'"}),
        _block("relationship", {"color": "#A5ABB6", "shaft-width": "2px", "font-size": "8px",
                                "padding": "3px", "text-color-external": "#000000",
                                "text-color-internal": "#FFFFFF", "caption": "'<type>'"}),
        _block(f"node.{ENTITY}", {"caption": "'{name}'"}),
    ]
    for label in LABELS:
        fill, border, text = COLOURS[label]
        parts.append(_block(f"node.{label}", {"color": fill, "border-color": border,
                                              "text-color-internal": text, "caption": "'{name}'"}))
    fill, border, text = ARTICLE_COLOURS
    parts.append(_block(f"node.{ARTICLE}", {"diameter": "30px", "color": fill, "border-color": border,
                                            "text-color-internal": text, "caption": "'{title}'"}))
    for rel in ALL_RELATIONS:
        parts.append(_block(f"relationship.{rel}", {"color": REL_COLOURS[rel],
                                                    "caption": "'<type>'"}))
    parts.append(_block("relationship.MENTIONS", {"color": "#D9C8AE", "shaft-width": "1px",
                                                  "caption": "''"}))
    return "\n".join(parts)
