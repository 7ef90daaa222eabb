"""The explorer: a local read-only web app and a self-contained HTML report over the store.

``serve(settings, host, port)`` runs the web app; ``build_report(settings, out, site=None,
family=None, since=None)`` writes one offline HTML file. Both show the views of
:mod:`copytrail.report.views`, rendered in the browser by ``static/app.js``.
"""

from __future__ import annotations

from copytrail.report.bundle import ReportInfo, build_report
from copytrail.report.server import make_server, serve

__all__ = ["ReportInfo", "build_report", "make_server", "serve"]
