"""The HTML shell every page for people shares (feedback, class summary, review), and how a
message's `name` spans become code."""

from __future__ import annotations

import html

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;
line-height:1.45;color:#1f2328}}h1{{font-size:1.5rem}}h2{{font-size:1.15rem;margin-top:1.6rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #d0d7de;padding:.4rem .5rem;
text-align:left;vertical-align:top;overflow-wrap:anywhere}}th{{background:#f6f8fa}}
.n{{white-space:nowrap;overflow-wrap:normal}}.w{{overflow-wrap:normal}}
.passed{{color:#1a7f37}}.failed{{color:#b42318}}.other{{color:#9a6700}}
code{{background:#f3f3f3;padding:0 .2rem;border-radius:3px}}.total{{font-size:1.2rem}}
.note{{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .75rem;border-radius:6px}}
blockquote{{margin:.4rem 0;padding:.5rem .75rem;border-left:4px solid #d0d7de;
white-space:pre-wrap;background:#f6f8fa}}details{{margin-top:1.5rem;color:#57606a}}
@media (max-width:40rem){{table,tbody,tr,td{{display:block;width:auto}}tr:first-child{{display:none}}
tr{{border:1px solid #d0d7de;margin-bottom:.6rem;border-radius:6px}}td{{border:none;padding:.2rem .6rem}}
td[data-label]::before{{content:attr(data-label) ": ";font-weight:600}}}}</style></head><body>
{body}</body></html>
"""


def md_code(text: str) -> str:
    """Escapes `text` and renders `name` spans as <code>."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
