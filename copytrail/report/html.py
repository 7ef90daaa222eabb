"""The HTML around the explorer: the page shell, escaping, JSON embedding and CSP policies.

Everything shown from pages is rendered in the browser with ``textContent`` (``static/app.js``);
this module only writes the few values that go into HTML on the server side, and each of them
goes through :func:`esc`. Data embedded in a report goes through :func:`script_json`, which keeps
a hostile ``</script>`` or ``<!--`` inside a string from closing the data block.

>>> esc('"><script>alert(1)</script>')
'&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
>>> script_json({"t": "</script><script>alert(1)</script>"})
'{"t": "<\\\\/script><script>alert(1)<\\\\/script>"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from typing import Any

# Served pages: nothing but our own files; the API is same-origin JSON.
SERVER_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

NAV = (("overview", "Overview"), ("network", "Site network"), ("networks", "Networks"),
       ("claims", "Claims"), ("search", "Search"))
SERVER_NAV = (*NAV, ("compare", "Compare"))  # comparing aligns texts: the served explorer only


def esc(value: object) -> str:
    """HTML-escape text for element content and quoted attribute values alike."""
    return html.escape(str(value), quote=True)


def static_text(name: str) -> str:
    """One of the explorer's own static files (``app.js``, ``app.css``)."""
    return (resources.files("copytrail.report") / "static" / name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</``, ``<!--`` or U+2028.

    ``\\/`` and ``\\u003c`` are valid JSON escapes, so ``JSON.parse`` gives the original text.
    """
    text = json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)
    return (
        text.replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def report_csp(script: str, style: str) -> str:
    """CSP of a report file: only its own inlined script and style run; no network at all."""
    return (
        f"default-src 'none'; script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _nav(items: tuple[tuple[str, str], ...] = NAV) -> str:
    return "".join(f'<a href="#/{v}" data-view="{v}">{esc(label)}</a>' for v, label in items)


def server_page(title: str) -> str:
    """The served shell: our CSS and JS by URL (allowed by ``script-src 'self'``)."""
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        f"<title>{esc(title)}</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
        f"<body><header><h1>copytrail</h1><nav>{_nav(SERVER_NAV)}</nav>"
        f"<span class=\"subset\">{esc(title)}</span></header>"
        "<main id=\"ct-main\"><p class=\"muted\">Loading…</p></main>"
        "<script src=\"/static/app.js\"></script></body></html>\n"
    )


def report_page(title: str, subtitle: str, data: Any) -> str:
    """A self-contained report: CSS, JS and data inline, locked down by a hash-based CSP."""
    script, style = static_text("app.js"), static_text("app.css")
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(report_csp(script, style))}\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        f"<title>{esc(title)}</title><style>{style}</style></head>"
        f"<body><header><h1>copytrail</h1><nav>{_nav()}</nav>"
        f"<span class=\"subset\">{esc(subtitle)}</span></header>"
        "<main id=\"ct-main\"><p class=\"muted\">Loading…</p></main>"
        f"<script type=\"application/json\" id=\"ct-data\">{script_json(data)}</script>"
        f"<script>{script}</script></body></html>\n"
    )
