"""``copytrail networks`` and ``copytrail site SITE``: open the store, read, print.

The CLI (``copytrail/cli.py``) parses options and calls these; the reading is in
:mod:`copytrail.sites.queries`, which notebooks can call directly.
"""

from __future__ import annotations

import json

from copytrail.console import console, err_console, print_rows
from copytrail.settings import Settings
from copytrail.sites import queries
from copytrail.store import Store


def networks_command(settings: Settings, as_json: bool = False) -> int:
    """Print every network: label, size, member sites and what joins them."""
    with Store.open(settings, read_only=True) as store:
        if not store.has_table("networks"):
            err_console.print(
                "[red]error:[/red] no site links yet: run `copytrail sites` (or `copytrail run`)"
            )
            return 2
        nets = queries.network_list(store)
    if as_json:
        console.print_json(json.dumps(nets, default=str))
        return 0
    rows = [
        {"network": n["network_id"], "label": n["label"], "sites": " ".join(n["sites"]),
         "evidence": queries.describe_network(n["evidence"])}
        for n in nets
    ]  # fmt: skip
    print_rows("networks", rows, ["network", "label", "sites", "evidence"])
    return 0


def site_command(settings: Settings, site: str, as_json: bool = False) -> int:
    """Print one site: its identifiers, its links with their evidence, whom it reprints."""
    from copytrail.lookup import FilterError, check_site

    with Store.open(settings, read_only=True) as store:
        try:
            site = check_site(store, site)
        except FilterError as exc:
            err_console.print(f"[red]error:[/red] {str(exc).replace('--site ', 'site ', 1)}")
            return 2
        profile = queries.site_profile(store, site)
    if as_json:
        console.print_json(json.dumps(profile, default=str))
        return 0
    console.print(
        f"[bold]{site}[/bold]"
        + (f"  networks: {' '.join(profile['networks'])}" if profile["networks"] else "")
    )
    print_rows(
        "identifiers",
        [{"kind": i["kind"], "value": i["value"], "pages": i["pages"], "sites with it": i["sites_with_value"],
          "first": (i["first_seen"] or "")[:10], "last": (i["last_seen"] or "")[:10],
          "only on copies of": i.get("only_on_copies_of") or ""} for i in profile["ids"]],
    )  # fmt: skip
    print_rows(
        "links",
        [{"site": r["other"], "label": r["label"], "score": r["score"],
          "evidence": queries.describe_link(r["evidence"])} for r in profile["links"]],
    )  # fmt: skip
    for key, title in (("from", "reprints from"), ("by", "reprinted by")):
        print_rows(
            title,
            [{"site": r["site"], "families": r["families"], "reprints": r["reprints"],
              "median lag (days)": r["median_lag_days"]} for r in profile["reprints"][key]],
        )  # fmt: skip
    return 0
